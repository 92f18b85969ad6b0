package io.socketflows.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Counts what a connection of Spring Integration's own factories carries ({@code net}), from outside it: their
 * connections offer no other hook on each message.
 */
final class CountingInterceptor extends TcpConnectionInterceptorSupport implements CountedConnection {

	private final ConnectionObserver observer;

	private final Instant openedAt = Instant.now();

	private final AtomicLong bytesIn = new AtomicLong();

	private final AtomicLong bytesOut = new AtomicLong();

	/** When the request being answered arrived ({@link System#nanoTime()}), 0 when none is waiting. */
	private volatile long requestNanos;

	CountingInterceptor(ApplicationEventPublisher publisher, ConnectionObserver observer) {
		super(publisher);
		this.observer = observer;
	}

	@Override
	public void onMessage(Message<?> message) {
		// An ErrorMessage reports a failed read: no bytes came.
		if (!(message instanceof ErrorMessage)) {
			int size = sizeOf(message.getPayload());
			this.bytesIn.addAndGet(size);
			this.observer.received(size);
			if (this.observer.timesReplies()) {
				this.requestNanos = System.nanoTime();
			}
		}
		super.onMessage(message);
	}

	@Override
	public void send(Message<?> message) {
		super.send(message);
		int size = sizeOf(message.getPayload());
		this.bytesOut.addAndGet(size);
		this.observer.sent(size);
		long request = this.requestNanos;
		if (request != 0) {
			this.requestNanos = 0;
			this.observer.answered(Duration.ofNanos(System.nanoTime() - request));
		}
	}

	@Override
	public Instant openedAt() {
		return this.openedAt;
	}

	@Override
	public long bytesIn() {
		return this.bytesIn.get();
	}

	@Override
	public long bytesOut() {
		return this.bytesOut.get();
	}

	private static int sizeOf(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes.length;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8).length;
		}
		return 0;
	}

}
