package io.socketflows.ops;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.socketflows.support.LogLimiter;
import io.socketflows.support.SocketAddresses;
import io.socketflows.support.SocketService;
import io.socketflows.transport.ConnectionRejectedEvent;
import io.socketflows.transport.CountedConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.integration.mapping.MessageMappingException;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;

/**
 * Knows every open server connection of every service (for the connections endpoint), counts them and logs one
 * line when each opens and closes. The services' connections are {@link CountedConnection}s, the source of their
 * events: {@link SocketsInstrumentation} made them so.
 */
@Component
class ConnectionTracker {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionTracker.class);

	private static final int LOG_LINES_PER_SECOND = 10;

	private final Map<String, CountedConnection> open = new ConcurrentHashMap<>();

	private final SocketsMetrics metrics;

	/** A few lines a second per service, then how many were not logged: the metrics count every one. */
	private final Map<SocketService, LogLimiter> logs = new EnumMap<>(SocketService.class);

	private final ListableBeanFactory beans;

	/** The service of each server factory, by bean name: looked up once, not at every connection. */
	private final Map<String, Optional<SocketService>> servers = new ConcurrentHashMap<>();

	ConnectionTracker(SocketsMetrics metrics, ListableBeanFactory beans) {
		this.metrics = metrics;
		this.beans = beans;
	}

	/**
	 * Closes one connection.
	 * @param connectionId its id
	 * @return whether it was open
	 */
	boolean close(String connectionId) {
		CountedConnection connection = this.open.get(connectionId);
		if (connection == null) {
			return false;
		}
		connection.close();
		return true;
	}

	/** @return the connections open now, of every service */
	Collection<CountedConnection> openConnections() {
		return Collections.unmodifiableCollection(this.open.values());
	}

	/** @return the service of a connection's server, or null when the server is none of the services' */
	SocketService service(CountedConnection connection) {
		return service(connection.getConnectionFactoryName());
	}

	private SocketService service(String factoryName) {
		return this.servers.computeIfAbsent(factoryName, (name) -> SocketService.ofServerBean(this.beans, name))
			.orElse(null);
	}

	/** The remote address as {@code ip:port}, IPv6 in brackets. */
	private static String remote(TcpConnection connection) {
		return SocketAddresses.format(connection.getHostAddress(), connection.getPort());
	}

	private synchronized LogLimiter limiter(SocketService service) {
		return this.logs.computeIfAbsent(service, (key) -> new LogLimiter(LOG_LINES_PER_SECOND));
	}

	@EventListener
	void rejected(ConnectionRejectedEvent event) {
		SocketService service = service(event.getConnectionFactoryName());
		if (service == null) {
			return;
		}
		this.metrics.of(service).rejected(event.getReason());
		String detail = event.getDetail().isEmpty() ? "" : ": " + event.getDetail();
		limiter(service).warn(logger, "{}: connection from {} {} ({}){}", service,
				SocketAddresses.format(event.getRemote()), event.outcome(), event.getReason().tag(), detail);
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (event.getSource() instanceof CountedConnection connection) {
			SocketService service = service(connection);
			if (service == null) {
				return;
			}
			this.open.put(connection.getConnectionId(), connection);
			this.metrics.of(service).opened();
			limiter(service).info(logger, "{}: connection from {} opened", service, remote(connection));
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (event.getSource() instanceof CountedConnection connection
				&& this.open.remove(connection.getConnectionId()) != null) {
			SocketService service = service(connection);
			this.metrics.of(service).closed();
			Duration open = Duration.between(connection.openedAt(), Instant.now());
			limiter(service).info(logger, "{}: connection from {} closed after {} ms, {} bytes in, {} bytes out",
					service, remote(connection), open.toMillis(), connection.bytesIn(), connection.bytesOut());
		}
	}

	@EventListener
	void failed(TcpConnectionExceptionEvent event) {
		if (!(event.getSource() instanceof CountedConnection connection)) {
			return;
		}
		SocketService service = service(connection);
		if (service == null) {
			return;
		}
		if (!connection.isOpen()) {
			// The server closed it (exit, DELETE, drain timeout) and the blocked read failed: no error.
			return;
		}
		Throwable cause = event.getCause();
		// A failed reply comes wrapped in a MessagingException, a failed read in an UncheckedIOException; a frame
		// that cannot be mapped (stx-etx without its STX) is a MessagingException too, but of the read.
		boolean send = cause instanceof MessagingException && !(cause instanceof MessageMappingException);
		if ((send || cause instanceof UncheckedIOException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof SoftEndOfStreamException) {
			// The client closed: the normal end of a connection.
			return;
		}
		String kind = send ? "send" : (cause instanceof SocketTimeoutException) ? "timeout"
				: (cause instanceof SocketException) ? "connection" : "protocol";
		this.metrics.error(service, kind);
		if ("protocol".equals(kind)) {
			// Bad input (an oversized or malformed frame): the connection is closed by the server.
			this.metrics.of(service).rejected(ConnectionRejectedEvent.Reason.ofBadInput(cause));
			limiter(service).warn(logger, "{}: connection from {} closed on bad input: {}", service,
					remote(connection), cause.getMessage());
		}
		else {
			limiter(service).info(logger, "{}: connection from {} failed ({}): {}", service, remote(connection), kind,
					cause.getMessage());
		}
	}

}
