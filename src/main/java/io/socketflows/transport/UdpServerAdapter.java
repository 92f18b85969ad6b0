package io.socketflows.transport;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

import io.socketflows.support.SocketsProperties;

import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.dsl.UdpUnicastOutboundChannelAdapterSpec;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A UDP service's receiving adapter, and the replies that leave through its socket, with the reason it could not
 * bind if it could not.
 * <p>
 * The adapter binds on its own thread at each start, and a failure there leaves nothing but a log line; this one
 * keeps the reason for health and fail-fast.
 */
public final class UdpServerAdapter extends UnicastReceivingChannelAdapter {

	/** Header: when the datagram being answered was received, {@link System#nanoTime()}. */
	public static final String RECEIVED_AT = "sockets_receivedAt";

	private volatile String failure;

	private volatile DatagramObserver observer = DatagramObserver.NONE;

	/**
	 * The adapter's default 2,048-byte buffer would cut longer datagrams silently. No acknowledgement addresses are
	 * trusted, so a payload starting with {@code ip_ackTo=} is just data.
	 * @param address the address to bind
	 * @param port the port to bind, 0 for any free one
	 */
	public UdpServerAdapter(InetAddress address, int port) {
		super(port);
		setLocalAddress(address.getHostAddress());
		setReceiveBufferSize(SocketsProperties.Udp.MAX_DATAGRAM_SIZE);
		setLookupHost(false);
	}

	/** @param observer told of every datagram received and answered */
	public void setObserver(DatagramObserver observer) {
		this.observer = observer;
	}

	/** @return why the socket could not be bound, if it could not */
	public Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	/**
	 * Replies leave through the socket the datagram arrived on, so they come from the address and port the client
	 * sent to: a connected client socket, a NAT or a Kubernetes Service would drop any other. Once the adapter has
	 * stopped a reply is dropped, where the adapter's own {@code getSocket()} would bind the port again.
	 * @return the outbound adapter that sends each reply to its message's {@code ip_packetAddress}
	 */
	public UdpUnicastOutboundChannelAdapterSpec replies() {
		return Udp.outboundAdapter((message) -> message.getHeaders().get(IpHeaders.PACKET_ADDRESS))
			.socketFunction((message) -> boundSocket()
				.orElseThrow(() -> new IllegalStateException("udp stopped: reply dropped")));
	}

	/** @return the advice that tells the observer of each reply, to set on the {@link #replies()} endpoint */
	public AbstractRequestHandlerAdvice replyObserver() {
		return new AbstractRequestHandlerAdvice() {

			@Override
			protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
				SocketAddress receiver = message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class);
				try {
					Object result = callback.execute();
					Long receivedAt = message.getHeaders().get(RECEIVED_AT, Long.class);
					Duration after = (receivedAt != null) ? Duration.ofNanos(System.nanoTime() - receivedAt)
							: Duration.ZERO;
					UdpServerAdapter.this.observer.replied(receiver, ((byte[]) message.getPayload()).length, after);
					return result;
				}
				catch (RuntimeException ex) {
					UdpServerAdapter.this.observer.replyFailed(receiver, ex);
					throw ex;
				}
			}

		};
	}

	Optional<DatagramSocket> boundSocket() {
		return Optional.ofNullable(getTheSocket());
	}

	/** Stamps the time of arrival, and tells the observer. */
	@Override
	protected void sendMessage(Message<?> message) {
		if (message != null) {
			this.observer.received(message.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class),
					((byte[]) message.getPayload()).length);
			message = MessageBuilder.fromMessage(message).setHeader(RECEIVED_AT, System.nanoTime()).build();
		}
		super.sendMessage(message);
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
