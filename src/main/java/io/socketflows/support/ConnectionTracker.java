package io.socketflows.support;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Knows every open server connection of every service and logs one line when each opens and closes.
 */
@Component
public class ConnectionTracker {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionTracker.class);

	private final Map<String, TrackedConnection> open = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher publisher;

	private final SocketsMetrics metrics;

	ConnectionTracker(ApplicationEventPublisher publisher, SocketsMetrics metrics) {
		this.publisher = publisher;
		this.metrics = metrics;
	}

	/**
	 * The interceptors a service's server connection factory needs so its connections are tracked.
	 * @param service the service name, as in the properties ({@code echo}, {@code ack}, {@code chat})
	 * @param timesReplies whether to time each reply from its request (not for a stream echo)
	 * @return a chain to set on the connection factory
	 */
	public TcpConnectionInterceptorFactoryChain interceptorsFor(String service, boolean timesReplies) {
		SocketsMetrics.ServiceMeters meters = this.metrics.of(service);
		meters.countConnections();
		this.metrics.gaugeActiveConnections(service, () -> count(service));
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptor(() -> new TrackedConnection(service, this.publisher, meters, timesReplies));
		return chain;
	}

	/**
	 * @param service the service name
	 * @return how many of its connections are open now
	 */
	public long count(String service) {
		return this.open.values().stream().filter((connection) -> connection.service().equals(service)).count();
	}

	/**
	 * Closes one connection.
	 * @param connectionId its id
	 * @return whether it was open
	 */
	public boolean close(String connectionId) {
		TrackedConnection connection = this.open.get(connectionId);
		if (connection == null) {
			return false;
		}
		connection.close();
		return true;
	}

	/** @return the connections open now, of every service */
	public Collection<TrackedConnection> openConnections() {
		return Collections.unmodifiableCollection(this.open.values());
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (event.getSource() instanceof TrackedConnection connection) {
			this.open.put(connection.getConnectionId(), connection);
			this.metrics.of(connection.service()).opened();
			logger.info("{}: connection from {} opened", connection.service(), connection.remote());
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (event.getSource() instanceof TrackedConnection connection
				&& this.open.remove(connection.getConnectionId()) != null) {
			this.metrics.of(connection.service()).closed();
			Duration open = Duration.between(connection.openedAt(), Instant.now());
			logger.info("{}: connection from {} closed after {} ms, {} bytes in, {} bytes out", connection.service(),
					connection.remote(), open.toMillis(), connection.bytesIn(), connection.bytesOut());
		}
	}

	@EventListener
	void failed(TcpConnectionExceptionEvent event) {
		if (!(event.getSource() instanceof TrackedConnection connection)) {
			return;
		}
		if (!connection.isOpen()) {
			// The server closed it (exit, DELETE, drain timeout) and the blocked read failed: no error.
			return;
		}
		Throwable cause = event.getCause();
		// A failed reply comes wrapped in a MessagingException, a failed read in an UncheckedIOException.
		boolean send = cause instanceof MessagingException;
		if ((send || cause instanceof UncheckedIOException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof SoftEndOfStreamException) {
			// The client closed: the normal end of a connection.
			return;
		}
		String kind = send ? "send" : (cause instanceof SocketTimeoutException) ? "timeout"
				: (cause instanceof SocketException) ? "connection" : "protocol";
		this.metrics.error(connection.service(), kind);
		if ("protocol".equals(kind)) {
			// Bad input (an oversized or malformed frame): the connection is closed by the server.
			this.metrics.of(connection.service()).rejected();
			logger.warn("{}: connection from {} closed on bad input: {}", connection.service(), connection.remote(),
					cause.getMessage());
		}
		else {
			logger.info("{}: connection from {} failed ({}): {}", connection.service(), connection.remote(), kind,
					cause.getMessage());
		}
	}

}
