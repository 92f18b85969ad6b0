package io.socketflows.transport.netty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.Future;
import io.socketflows.transport.ConnectionClosedByServerEvent;
import io.socketflows.transport.ConnectionRejectedEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Closes a connection that carried no byte in either direction for the idle timeout, with a
 * {@link ConnectionClosedByServerEvent} ({@code idle}); bytes still leaving for a slow reader count as traffic.
 * <p>
 * Netty's {@code IdleStateHandler} would do, but it turns every write's void promise into a real one with a
 * listener, an allocation and a notification per reply on the hot path. Nor is this a handler of its own: the
 * connection's handler reports its traffic, which spares each connection a handler context, and this object is
 * the scheduled task itself. One check per timeout reads the clock and the outbound buffer's progress, as
 * {@code observeOutput} does.
 */
final class NettyIdleTimeout implements Runnable {

	private final NettyTcpServerConnectionFactory factory;

	private final ChannelHandlerContext context;

	/**
	 * The event loop reads and writes the fields below; a reply sent from another thread notes its time here too,
	 * which at worst a check sees late, and the next one sees.
	 */
	private long lastTraffic;

	private long lastPendingBytes;

	private long lastProgress;

	private int lastCurrentIdentity;

	private Future<?> check;

	/**
	 * Starts counting from now.
	 * @param factory the connection's factory: its timeout, name and publisher
	 * @param context the context of the connection's handler, on the channel's event loop
	 */
	NettyIdleTimeout(NettyTcpServerConnectionFactory factory, ChannelHandlerContext context) {
		this.factory = factory;
		this.context = context;
		this.lastTraffic = System.nanoTime();
		schedule(factory.getIdleTimeout().toNanos());
	}

	/** Bytes came or are about to leave. */
	void traffic() {
		this.lastTraffic = System.nanoTime();
	}

	void stop() {
		Future<?> scheduled = this.check;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	private void schedule(long delayNanos) {
		this.check = this.context.executor().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
	}

	/** The check, on the event loop. */
	@Override
	public void run() {
		if (!this.context.channel().isOpen()) {
			return;
		}
		try {
			checkNow();
		}
		catch (RuntimeException ex) {
			// Nothing would reschedule the check: the connection must not stay open silently.
			this.context.fireExceptionCaught(ex);
			this.context.close();
		}
	}

	private void checkNow() {
		long timeoutNanos = this.factory.getIdleTimeout().toNanos();
		long now = System.nanoTime();
		if (outputMoved()) {
			this.lastTraffic = now;
		}
		long idle = now - this.lastTraffic;
		if (idle < timeoutNanos) {
			schedule(timeoutNanos - idle);
		}
		else if (this.context.pipeline().get(NettyTlsHandshake.HANDSHAKE) != null) {
			// Still in its TLS handshake, which has a timeout of its own: one refusal (handshake), not two.
			schedule(timeoutNanos);
		}
		else {
			closeIdle();
		}
	}

	/** @return whether bytes written earlier left, or are leaving, since the last check */
	private boolean outputMoved() {
		ChannelOutboundBuffer buffer = this.context.channel().unsafe().outboundBuffer();
		if (buffer == null) {
			return false;
		}
		long pending = buffer.totalPendingWriteBytes();
		long progress = buffer.currentProgress();
		int current = System.identityHashCode(buffer.current());
		boolean moved = (pending > 0 || this.lastPendingBytes > 0) && (pending != this.lastPendingBytes
				|| progress != this.lastProgress || current != this.lastCurrentIdentity);
		this.lastPendingBytes = pending;
		this.lastProgress = progress;
		this.lastCurrentIdentity = current;
		return moved;
	}

	private void closeIdle() {
		try {
			ApplicationEventPublisher publisher = this.factory.getApplicationEventPublisher();
			if (publisher != null) {
				Duration timeout = this.factory.getIdleTimeout();
				publisher.publishEvent(new ConnectionClosedByServerEvent(this, this.factory.getName(),
						this.context.channel().remoteAddress(), ConnectionRejectedEvent.Reason.IDLE,
						"no traffic for " + timeout.toMillis() + " ms"));
			}
		}
		finally {
			this.context.close();
		}
	}

}
