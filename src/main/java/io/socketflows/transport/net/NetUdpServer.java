package io.socketflows.transport.net;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.DatagramGate;
import io.socketflows.transport.DatagramObserver;
import io.socketflows.transport.UdpServer;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.integration.ip.udp.outbound.UnicastSendingMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;

/**
 * The {@code net} transport's UDP server: Spring Integration's blocking receiving adapter on one
 * {@link DatagramSocket}, held to the {@link DatagramGate}, with the reason it could not bind (it binds on its own
 * thread at each start, and a failure there would leave nothing but a log line), and its replies, observed.
 */
final class NetUdpServer extends UnicastReceivingChannelAdapter implements UdpServer {

	private final DatagramGate gate;

	private volatile DatagramObserver observer = DatagramObserver.NONE;

	private volatile String failure;

	NetUdpServer(InetAddress address, int port, DatagramGate gate) {
		super(port);
		this.gate = gate;
		setLocalAddress(address.getHostAddress());
		// The adapter's default 2,048-byte buffer would cut longer datagrams silently.
		setReceiveBufferSize(SocketsProperties.Udp.MAX_DATAGRAM_SIZE);
		setLookupHost(false);
		// One thread: it runs the receiving loop, which handles each datagram itself (asyncSendMessage).
		setPoolSize(1);
	}

	@Override
	public MessageProducerSupport inbound() {
		return this;
	}

	@Override
	public MessageHandler replies() {
		return new ObservedSender();
	}

	@Override
	public void setObserver(DatagramObserver observer) {
		this.observer = observer;
	}

	@Override
	public Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	/**
	 * Each datagram is handled on the receiving thread, not queued for a pool: Spring Integration's pool has an
	 * unbounded queue, which a flood would grow until the heap is full (each entry holds a 64 KiB buffer). Here
	 * the socket's receive buffer is the only queue: when the service falls behind, the kernel drops
	 * ({@code RcvbufErrors} in {@code /proc/net/snmp}). Dropped datagrams cost no flow.
	 */
	@Override
	protected boolean asyncSendMessage(DatagramPacket packet) {
		SocketAddress sender = packet.getSocketAddress();
		DatagramObserver.Drop drop = this.gate.check(packet.getAddress(), packet.getLength());
		if (drop != null) {
			this.observer.dropped(sender, packet.getLength(), drop);
		}
		else {
			doSend(packet);
		}
		return true;
	}

	/** The flow runs on this thread, the reply included: its time is the reply's. */
	@Override
	protected void sendMessage(Message<?> message) {
		if (message == null) {
			super.sendMessage(message);
			return;
		}
		long start = System.nanoTime();
		this.observer.received(message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class),
				((byte[]) message.getPayload()).length);
		super.sendMessage(message);
		this.observer.answered(Duration.ofNanos(System.nanoTime() - start));
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

	/**
	 * Sends each reply through the receiving socket, held to its destination's budget and counted; after a stop,
	 * where {@code getSocket()} would bind again, drops it.
	 */
	private final class ObservedSender extends UnicastSendingMessageHandler {

		ObservedSender() {
			super(new FunctionExpression<Message<?>>((message) -> message.getHeaders().get(IpHeaders.PACKET_ADDRESS)));
			setSocketExpression(new FunctionExpression<Message<?>>((message) -> {
				DatagramSocket socket = NetUdpServer.this.getTheSocket();
				if (socket == null) {
					throw new IllegalStateException("udp stopped: reply dropped");
				}
				return socket;
			}));
		}

		@Override
		public void handleMessageInternal(Message<?> message) {
			SocketAddress to = message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class);
			if (!NetUdpServer.this.gate.withinBudget(NetUdpServer.this.observer, message)) {
				return;
			}
			try {
				super.handleMessageInternal(message);
			}
			catch (RuntimeException ex) {
				NetUdpServer.this.observer.replyFailed(to, ex);
				throw ex;
			}
			NetUdpServer.this.observer.replied(to, DatagramGate.length(message));
		}

	}

}
