package io.socketflows.support;

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
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.stereotype.Component;

/**
 * Knows every open server connection of every service and logs one line when each opens and closes.
 */
@Component
public class ConnectionTracker {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionTracker.class);

	private final Map<String, TrackedConnection> open = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher publisher;

	ConnectionTracker(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * The interceptors a service's server connection factory needs so its connections are tracked.
	 * @param service the service name, as in the properties ({@code echo}, {@code ack}, {@code chat})
	 * @return a chain to set on the connection factory
	 */
	public TcpConnectionInterceptorFactoryChain interceptorsFor(String service) {
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptor(() -> new TrackedConnection(service, this.publisher));
		return chain;
	}

	/** @return the connections open now, of every service */
	public Collection<TrackedConnection> openConnections() {
		return Collections.unmodifiableCollection(this.open.values());
	}

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (event.getSource() instanceof TrackedConnection connection) {
			this.open.put(connection.getConnectionId(), connection);
			logger.info("{}: connection from {} opened", connection.service(), connection.remote());
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (event.getSource() instanceof TrackedConnection connection
				&& this.open.remove(connection.getConnectionId()) != null) {
			Duration open = Duration.between(connection.openedAt(), Instant.now());
			logger.info("{}: connection from {} closed after {} ms, {} bytes in, {} bytes out", connection.service(),
					connection.remote(), open.toMillis(), connection.bytesIn(), connection.bytesOut());
		}
	}

}
