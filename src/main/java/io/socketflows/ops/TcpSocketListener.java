package io.socketflows.ops;

import java.util.Optional;

import io.socketflows.support.SocketService;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * A TCP service's server connection factory, with the reason it stopped listening if it did.
 * <p>
 * The factory logs a bind or accept error, publishes an event and stops, while the application stays up: the
 * event is the only trace of why, so {@link SocketListeners} keeps it here.
 */
final class TcpSocketListener implements SocketListener {

	private final SocketService service;

	private final AbstractServerConnectionFactory factory;

	private volatile String failure;

	TcpSocketListener(SocketService service, AbstractServerConnectionFactory factory) {
		this.service = service;
		this.factory = factory;
	}

	AbstractServerConnectionFactory factory() {
		return this.factory;
	}

	void failed(String reason) {
		this.failure = reason;
	}

	@Override
	public SocketService service() {
		return this.service;
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

	/** The factory knows a connection from its accept on: the one count of open connections. */
	@Override
	public int openConnections() {
		return this.factory.getOpenConnectionIds().size();
	}

}
