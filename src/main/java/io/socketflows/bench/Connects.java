package io.socketflows.bench;

import java.net.ConnectException;
import java.net.SocketAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandler;

/**
 * How the connections (or connected UDP sockets) of a run were opened.
 *
 * @param connected how many opened (in TLS: completed their handshake)
 * @param refused how many the server refused
 * @param timedOut how many handshakes did not end within the timeout
 * @param failed how many failed, all causes
 * @param seconds how long opening them all took
 */
record Connects(int connected, int refused, int timedOut, int failed, double seconds) {

	/** A bound on the whole phase, whatever the server does: the handshakes not begun by then count as failed. */
	private static final long PHASE_NANOS = TimeUnit.SECONDS.toNanos(60);

	/**
	 * Opens {@code count} channels, at most {@code concurrency} handshakes at a time (a burst of thousands would
	 * only overflow the server's accept queue and measure SYN retries), and waits until each opened or failed.
	 */
	static Connects open(Bootstrap bootstrap, SocketAddress server, int count, int concurrency, Progress progress) {
		Semaphore handshakes = new Semaphore(concurrency);
		AtomicInteger connected = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger timedOut = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		long lastProgress = start;
		for (int i = 0; i < count; i++) {
			handshakes.acquireUninterruptibly();
			if (System.nanoTime() - start > PHASE_NANOS) {
				handshakes.release();
				failed.addAndGet(count - i);
				progress.show("connecting: gave up after 60 s, %d connections not attempted", count - i);
				break;
			}
			ChannelFuture connect = bootstrap.connect(server);
			connect.addListener((ChannelFuture done) -> {
				SslHandler tls = done.isSuccess() ? done.channel().pipeline().get(SslHandler.class) : null;
				if (tls != null) {
					// In TLS a connection is open once its handshake is done.
					tls.handshakeFuture().addListener((handshake) -> {
						(handshake.isSuccess() ? connected : failed).incrementAndGet();
						handshakes.release();
					});
					return;
				}
				if (done.isSuccess()) {
					connected.incrementAndGet();
				}
				else {
					failed.incrementAndGet();
					if (done.cause() instanceof ConnectTimeoutException) {
						timedOut.incrementAndGet();
					}
					else if (done.cause() instanceof ConnectException) {
						refused.incrementAndGet();
					}
				}
				handshakes.release();
			});
			long now = System.nanoTime();
			if (now - lastProgress > TimeUnit.SECONDS.toNanos(1)) {
				lastProgress = now;
				progress.show("connecting: %d of %d open, %d failed", connected.get(), count, failed.get());
			}
		}
		handshakes.acquireUninterruptibly(concurrency);
		return new Connects(connected.get(), refused.get(), timedOut.get(), failed.get(),
				(System.nanoTime() - start) / 1e9);
	}

}
