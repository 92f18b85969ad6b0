package io.socketflows.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;

/**
 * Wraps one server connection to know its service, its age and the payload bytes it carried.
 */
public final class TrackedConnection extends TcpConnectionInterceptorSupport {

	private final String service;

	private final Instant openedAt = Instant.now();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	TrackedConnection(String service, ApplicationEventPublisher publisher) {
		super(publisher);
		this.service = service;
	}

	@Override
	public void onMessage(Message<?> message) {
		this.bytesIn.add(sizeOf(message.getPayload()));
		super.onMessage(message);
	}

	@Override
	public void send(Message<?> message) {
		super.send(message);
		this.bytesOut.add(sizeOf(message.getPayload()));
	}

	public String service() {
		return this.service;
	}

	public Instant openedAt() {
		return this.openedAt;
	}

	public long bytesIn() {
		return this.bytesIn.sum();
	}

	public long bytesOut() {
		return this.bytesOut.sum();
	}

	/** The remote address as {@code ip:port}, IPv6 in brackets. */
	public String remote() {
		String host = getHostAddress();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + getPort();
	}

	private static long sizeOf(Object payload) {
		if (payload instanceof byte[] bytes) {
			return bytes.length;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8).length;
		}
		// Error messages (a failed read) carry no bytes.
		return 0;
	}

}
