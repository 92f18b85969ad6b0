package io.socketflows.support;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Optional;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.messaging.MessagingException;

/**
 * A UDP service's receiving adapter, with the reason it could not bind if it could not.
 * <p>
 * The adapter binds on its own thread at each start, and a failure there leaves nothing but a log line;
 * this adapter keeps the reason for health and fail-fast.
 */
public final class UdpSocketListener implements SocketListener {

	private final String service;

	private final RecordingAdapter adapter;

	/**
	 * @param service the service name
	 * @param address the address to bind
	 * @param port the port to bind, 0 for any free one
	 */
	public UdpSocketListener(String service, InetAddress address, int port) {
		this.service = service;
		this.adapter = new RecordingAdapter(port);
		this.adapter.setLocalAddress(address.getHostAddress());
	}

	/**
	 * The socket replies leave from: the one datagrams arrive on. Empty once the adapter has stopped, where
	 * the adapter's own {@code getSocket()} would bind the port again for a late reply.
	 * @return the bound socket, if the adapter holds one
	 */
	public Optional<DatagramSocket> replySocket() {
		return Optional.ofNullable(this.adapter.boundSocket());
	}

	/** @return the adapter that reads this listener's socket, to configure and declare as a bean */
	public UnicastReceivingChannelAdapter adapter() {
		return this.adapter;
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
		return Optional.ofNullable(this.adapter.failure);
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

	/** Remembers why the socket could not be bound. */
	private static final class RecordingAdapter extends UnicastReceivingChannelAdapter {

		private volatile String failure;

		RecordingAdapter(int port) {
			super(port);
		}

		DatagramSocket boundSocket() {
			return getTheSocket();
		}

		/** A bind failure is recorded and reported by health and the start-up check: no stack trace besides. */
		@Override
		public void run() {
			try {
				super.run();
			}
			catch (MessagingException ex) {
				if (this.failure == null) {
					throw ex;
				}
			}
		}

		@Override
		public DatagramSocket getSocket() {
			try {
				DatagramSocket socket = super.getSocket();
				this.failure = null;
				return socket;
			}
			catch (MessagingException ex) {
				this.failure = String.valueOf(ex.getCause());
				throw ex;
			}
		}

	}

}
