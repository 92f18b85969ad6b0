package io.socketflows.transport.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

import io.socketflows.transport.DatagramGate;
import io.socketflows.transport.DatagramObserver;
import io.socketflows.transport.UdpServer;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The {@code netty} transport's UDP server: {@link NettyUdpInboundChannelAdapter} held to the {@link DatagramGate},
 * and its replies, observed. The flow runs on the socket's event loop, the reply included.
 */
final class NettyUdpServer extends NettyUdpInboundChannelAdapter implements UdpServer {

	private final DatagramGate gate;

	private volatile DatagramObserver observer = DatagramObserver.NONE;

	NettyUdpServer(InetAddress address, int port, DatagramGate gate) {
		super(port);
		setLocalAddress(address);
		this.gate = gate;
	}

	@Override
	public MessageProducerSupport inbound() {
		return this;
	}

	@Override
	public MessageHandler replies() {
		return new ObservedReplies();
	}

	@Override
	public void setObserver(DatagramObserver observer) {
		this.observer = observer;
	}

	@Override
	protected boolean admit(InetSocketAddress sender, int bytes) {
		DatagramObserver.Drop drop = this.gate.check(sender.getAddress(), bytes);
		if (drop != null) {
			this.observer.dropped(sender, bytes, drop);
		}
		return drop == null;
	}

	@Override
	protected void socketFailed(Throwable cause) {
		this.observer.replyFailed(null, (cause instanceof Exception ex) ? ex : new IllegalStateException(cause));
	}

	/** Counts each datagram, and times the flow that answers it. */
	@Override
	protected void sendMessage(Message<?> message) {
		long start = System.nanoTime();
		this.observer.received(message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class),
				((byte[]) message.getPayload()).length);
		super.sendMessage(message);
		this.observer.answered(Duration.ofNanos(System.nanoTime() - start));
	}

	/** Holds each reply to its destination's budget, counts each reply and each failure. */
	private final class ObservedReplies extends NettyUdpOutboundHandler {

		ObservedReplies() {
			super(NettyUdpServer.this);
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
