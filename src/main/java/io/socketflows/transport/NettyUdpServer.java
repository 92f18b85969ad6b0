package io.socketflows.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The {@code netty} transport's UDP server: {@link NettyUdpInboundChannelAdapter} and its replies, observed.
 */
final class NettyUdpServer implements UdpServer {

	private final Receiver receiver;

	private final DatagramGate gate;

	private volatile DatagramObserver observer = DatagramObserver.NONE;

	NettyUdpServer(InetAddress address, int port, DatagramGate gate) {
		this.receiver = new Receiver(port);
		this.receiver.setLocalAddress(address);
		this.gate = gate;
	}

	@Override
	public MessageProducerSupport inbound() {
		return this.receiver;
	}

	@Override
	public MessageHandler replies() {
		return new Replies(this.receiver);
	}

	@Override
	public void setObserver(DatagramObserver observer) {
		this.observer = observer;
	}

	@Override
	public String getLocalAddress() {
		return this.receiver.getLocalAddress();
	}

	@Override
	public int getPort() {
		return this.receiver.getPort();
	}

	@Override
	public boolean isListening() {
		return this.receiver.isListening();
	}

	@Override
	public Optional<String> failure() {
		return this.receiver.failure();
	}

	/** Counts each datagram; the flow runs on the socket's event loop, the reply included. */
	private final class Receiver extends NettyUdpInboundChannelAdapter {

		Receiver(int port) {
			super(port);
		}

		@Override
		protected boolean admit(InetSocketAddress sender, int bytes) {
			DatagramObserver.Drop drop = NettyUdpServer.this.gate.check(sender.getAddress(), bytes);
			if (drop != null) {
				NettyUdpServer.this.observer.dropped(sender, bytes, drop);
			}
			return drop == null;
		}

		@Override
		protected void socketFailed(Throwable cause) {
			NettyUdpServer.this.observer.replyFailed(null, (cause instanceof Exception ex) ? ex
					: new IllegalStateException(cause));
		}

		@Override
		protected void sendMessage(Message<?> message) {
			long start = System.nanoTime();
			NettyUdpServer.this.observer.received(message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class),
					((byte[]) message.getPayload()).length);
			super.sendMessage(message);
			NettyUdpServer.this.observer.answered(Duration.ofNanos(System.nanoTime() - start));
		}

	}

	/** Holds each reply to its destination's budget, counts each reply and each failure. */
	private final class Replies extends NettyUdpOutboundHandler {

		Replies(NettyUdpInboundChannelAdapter adapter) {
			super(adapter);
		}

		@Override
		protected void handleMessageInternal(Message<?> message) {
			SocketAddress to = message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class);
			if (!NettyUdpServer.this.gate.withinBudget(NettyUdpServer.this.observer, message)) {
				return;
			}
			try {
				super.handleMessageInternal(message);
			}
			catch (RuntimeException ex) {
				NettyUdpServer.this.observer.replyFailed(to, ex);
				throw ex;
			}
			NettyUdpServer.this.observer.replied(to, DatagramGate.length(message));
		}

		@Override
		protected void failedLater(Message<?> message, Throwable cause) {
			NettyUdpServer.this.observer.replyFailed(message.getHeaders().get(IpHeaders.PACKET_ADDRESS,
					SocketAddress.class), (cause instanceof Exception ex) ? ex : new IllegalStateException(cause));
		}

	}

}
