package io.socketflows.client;

import java.time.Duration;
import java.util.function.Predicate;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;

/**
 * What has come back over a client's connection, and whether that connection is closed: the client's inbound
 * adapter counts each reply here, Spring Integration's close event (for the named factory) ends it, and the
 * client waits on it.
 */
public final class TcpClientReplies implements ApplicationListener<TcpConnectionCloseEvent> {

	private final String connectionFactoryName;

	private long messages;

	private long bytes;

	private boolean closed;

	private Runnable onClose = () -> {
	};

	/** @param connectionFactoryName the bean name of the client's connection factory */
	public TcpClientReplies(String connectionFactoryName) {
		this.connectionFactoryName = connectionFactoryName;
	}

	/** @param reply one message from the server */
	public synchronized void received(byte[] reply) {
		this.messages++;
		this.bytes += reply.length;
		notifyAll();
	}

	@Override
	public synchronized void onApplicationEvent(TcpConnectionCloseEvent event) {
		if (this.connectionFactoryName.equals(event.getConnectionFactoryName())) {
			this.closed = true;
			notifyAll();
			this.onClose.run();
		}
	}

	/** @param onClose what to do, besides waking the waiting client, when the connection closes */
	public synchronized void onClose(Runnable onClose) {
		this.onClose = onClose;
	}

	public synchronized long messages() {
		return this.messages;
	}

	public synchronized long bytes() {
		return this.bytes;
	}

	public synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * Waits until {@code done} holds or the connection closes, or nothing has arrived for {@code idle}: a reply
	 * that keeps coming keeps the client waiting.
	 * @param done what is waited for
	 * @param idle the longest silence
	 * @return whether {@code done} holds
	 */
	public synchronized boolean await(Predicate<TcpClientReplies> done, Duration idle) throws InterruptedException {
		long seen = this.messages;
		long deadline = System.nanoTime() + idle.toNanos();
		while (!done.test(this) && !this.closed) {
			if (this.messages != seen) {
				seen = this.messages;
				deadline = System.nanoTime() + idle.toNanos();
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return done.test(this);
	}

}
