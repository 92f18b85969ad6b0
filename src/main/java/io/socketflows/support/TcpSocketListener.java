package io.socketflows.support;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * A TCP service's server connection factory, with the reason it stopped listening if it did.
 * <p>
 * The factory logs a bind or accept error, publishes an event and stops, while the application stays up:
 * the event is the only trace of why, so it is kept here.
 */
public final class TcpSocketListener implements SocketListener {

	private static final Logger logger = LoggerFactory.getLogger(TcpSocketListener.class);

	private final String service;

	private final AbstractServerConnectionFactory factory;

	private volatile String failure;

	public TcpSocketListener(String service, AbstractServerConnectionFactory factory) {
		this.service = service;
		this.factory = factory;
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public String protocol() {
		return "tcp";
	}

	@Override
	public String address() {
		return this.factory.getLocalAddress();
	}

	@Override
	public int port() {
		return this.factory.getPort();
	}

	@Override
	public boolean isListening() {
		return this.factory.isListening();
	}

	@Override
	public Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	/** Spring Integration's orderly shutdown: new connections are closed as soon as they are accepted. */
	@Override
	public void refuseNewClients() {
		this.factory.beforeShutdown();
	}

	@Override
	public int openConnections() {
		return this.factory.getOpenConnectionIds().size();
	}

	@EventListener
	void serverFailed(TcpConnectionServerExceptionEvent event) {
		if (event.getSource() == this.factory) {
			this.failure = event.getCause().toString();
			logger.warn("{} stopped listening on {}: {}", this.service, describe(), this.failure);
		}
	}

	/** A restart that binds again clears the failure of an earlier start. */
	@EventListener
	void serverListening(TcpConnectionServerListeningEvent event) {
		if (event.getSource() == this.factory) {
			this.failure = null;
		}
	}

}
