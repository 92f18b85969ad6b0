package io.socketflows.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import io.socketflows.support.SocketAddresses;
import io.socketflows.support.SocketService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Wraps one server connection to know its service, its age and the payload bytes it carried.
 */
final class TrackedConnection extends TcpConnectionInterceptorSupport {

	private final SocketService service;

	private final Instant openedAt = Instant.now();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private final SocketsMetrics.ServiceMeters meters;

	private final boolean timesReplies;

	/** When the request being answered arrived ({@link System#nanoTime()}), 0 when none is waiting. */
	private volatile long requestNanos;

	TrackedConnection(SocketService service, ApplicationEventPublisher publisher, SocketsMetrics.ServiceMeters meters,
			boolean timesReplies) {
		super(publisher);
		this.service = service;
		this.meters = meters;
		this.timesReplies = timesReplies;
	}

	@Override
	public void onMessage(Message<?> message) {
		// An ErrorMessage reports a failed read: no bytes came.
		if (!(message instanceof ErrorMessage)) {
			int size = sizeOf(message.getPayload());
			this.bytesIn.add(size);
			this.meters.received(size);
			if (this.timesReplies) {
				this.requestNanos = System.nanoTime();
			}
		}
		super.onMessage(message);
	}

	@Override
	public void send(Message<?> message) {
		super.send(message);
		int size = sizeOf(message.getPayload());
		this.bytesOut.add(size);
		this.meters.sent(size);
		long request = this.requestNanos;
		if (request != 0) {
			this.requestNanos = 0;
			this.meters.replied(Duration.ofNanos(System.nanoTime() - request));
		}
	}

	SocketService service() {
		return this.service;
	}

	Instant openedAt() {
		return this.openedAt;
	}

	long bytesIn() {
		return this.bytesIn.sum();
	}

	long bytesOut() {
		return this.bytesOut.sum();
	}

	/** The remote address as {@code ip:port}, IPv6 in brackets. */
	String remote() {
		return SocketAddresses.format(getHostAddress(), getPort());
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
