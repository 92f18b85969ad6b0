package io.socketflows.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * A UDP service's socket, bound here rather than by the adapter: the adapter binds on its own thread and a
 * failure there leaves no trace but a log line, while this keeps the reason for health and fail-fast.
 */
public final class UdpSocketListener implements SocketListener, AutoCloseable {

	private final String service;

	private final InetSocketAddress bindTo;

	private final DatagramSocket socket;

	private final String failure;

	private UnicastReceivingChannelAdapter adapter;

	public UdpSocketListener(String service, InetAddress address, int port) {
		this.service = service;
		this.bindTo = new InetSocketAddress(address, port);
		DatagramSocket bound = null;
		String reason = null;
		try {
			bound = new DatagramSocket(this.bindTo);
		}
		catch (IOException ex) {
			reason = ex.toString();
		}
		this.socket = bound;
		this.failure = reason;
	}

	/** @return the bound socket, for the adapter; empty when binding failed */
	public Optional<DatagramSocket> socket() {
		return Optional.ofNullable(this.socket);
	}

	/** @param adapter the adapter that reads this socket */
	public void setAdapter(UnicastReceivingChannelAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public String protocol() {
		return "udp";
	}

	@Override
	public String address() {
		return this.bindTo.getAddress().getHostAddress();
	}

	@Override
	public int port() {
		return (this.socket != null) ? this.socket.getLocalPort() : this.bindTo.getPort();
	}

	@Override
	public boolean isListening() {
		return this.socket != null && !this.socket.isClosed() && this.adapter != null && this.adapter.isListening();
	}

	@Override
	public Optional<String> failure() {
		if (this.failure != null) {
			return Optional.of(this.failure);
		}
		return (this.socket != null && this.socket.isClosed()) ? Optional.of("socket closed") : Optional.empty();
	}

	/** Datagrams need no drain: the service keeps answering until it stops. */
	@Override
	public void refuseNewClients() {
	}

	/** Closes the socket if the adapter never took it over (a start-up that failed). */
	@Override
	public void close() {
		if (this.socket != null) {
			this.socket.close();
		}
	}

}
