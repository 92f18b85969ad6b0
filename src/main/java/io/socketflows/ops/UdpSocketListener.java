package io.socketflows.ops;

import java.util.Optional;

import io.socketflows.support.SocketService;
import io.socketflows.transport.UdpServer;

/**
 * A UDP service's receiving adapter, as a listener.
 */
final class UdpSocketListener implements SocketListener {

	private final SocketService service;

	private final UdpServer adapter;

	UdpSocketListener(SocketService service, UdpServer adapter) {
		this.service = service;
		this.adapter = adapter;
	}

	@Override
	public SocketService service() {
		return this.service;
	}

	@Override
	public String address() {
		return this.adapter.getLocalAddress();
	}

	@Override
	public int port() {
		return this.adapter.getPort();
	}

	@Override
	public boolean isListening() {
		return this.adapter.isListening();
	}

	@Override
	public Optional<String> failure() {
		return this.adapter.failure();
	}

	/** Datagrams need no drain: the service keeps answering until it stops. */
	@Override
	public void refuseNewClients() {
	}

	/** Datagrams hold no connection. */
	@Override
	public int openConnections() {
		return 0;
	}

}
