package io.socketflows.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.socketflows.support.SocketService;
import io.socketflows.transport.UdpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.stereotype.Component;

/**
 * The listener of every enabled service, found by the {@code @SocketServer} qualifiers of their server sides: the one
 * source health, the open-connections gauge, the start-up check and the drain read.
 */
@Component
class SocketListeners {

	private static final Logger logger = LoggerFactory.getLogger(SocketListeners.class);

	private final List<SocketListener> all = new ArrayList<>();

	SocketListeners(Map<String, AbstractServerConnectionFactory> tcpServers, Map<String, UdpServer> udpServers,
			SocketsMetrics metrics, ListableBeanFactory beans) {
		tcpServers.forEach((name, factory) -> SocketService.ofServerBean(beans, name)
			.ifPresent((service) -> this.all.add(new TcpSocketListener(service, factory))));
		udpServers.forEach((name, adapter) -> SocketService.ofServerBean(beans, name)
			.ifPresent((service) -> this.all.add(new UdpSocketListener(service, adapter))));
		this.all.sort(Comparator.comparing(SocketListener::service));
		for (SocketListener listener : this.all) {
			// Every meter of an enabled service exists from the start, at zero: a scrape sees the service.
			metrics.of(listener.service());
			if (listener.service().protocol() == SocketService.Protocol.TCP) {
				metrics.gaugeActiveConnections(listener.service(), listener::openConnections);
			}
			else {
				metrics.registerDropped(listener.service());
			}
		}
	}

	List<SocketListener> all() {
		return this.all;
	}

	int openConnections() {
		return this.all.stream().mapToInt(SocketListener::openConnections).sum();
	}

	@EventListener
	void serverFailed(TcpConnectionServerExceptionEvent event) {
		// The cause as text: a Throwable as the last argument would log its stack trace.
		String reason = event.getCause().toString();
		tcp(event.getSource()).forEach((listener) -> {
			listener.failed(reason);
			logger.warn("{} stopped listening on {}: {}", listener.service(), listener.describe(), reason);
		});
	}

	/** A restart that binds again clears the failure of an earlier start. */
	@EventListener
	void serverListening(TcpConnectionServerListeningEvent event) {
		tcp(event.getSource()).forEach((listener) -> listener.failed(null));
	}

	private List<TcpSocketListener> tcp(Object factory) {
		return this.all.stream()
			.filter((listener) -> listener instanceof TcpSocketListener tcp && tcp.factory() == factory)
			.map(TcpSocketListener.class::cast)
			.toList();
	}

}
