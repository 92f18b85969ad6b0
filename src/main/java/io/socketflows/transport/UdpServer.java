package io.socketflows.transport;

import java.util.Map;
import java.util.Optional;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

/**
 * A UDP service's socket(s) on one port: the inbound adapter its flow starts from (each transport's server is its
 * own adapter, held to the {@link DatagramGate}), the handler that sends each reply from the socket its datagram
 * arrived on, and what health and fail-fast need to know.
 */
public interface UdpServer {

	/** Header, on the {@code netty} transport: the socket's channel the datagram arrived on, its reply's way out. */
	String RECEIVING_CHANNEL = "sockets_udpReceivingChannel";

	/** @return this server as its inbound channel adapter: a message per datagram, its sender in {@code ip_packetAddress} */
	MessageProducerSupport inbound();

	/**
	 * Replies leave through the socket the datagram arrived on, so they come from the address and port the client
	 * sent to: a connected client socket, a NAT or a Kubernetes Service would drop any other. Once the adapter has
	 * stopped a reply is dropped, never sent from a new socket.
	 * @return the handler that sends each reply to its message's {@code ip_packetAddress}
	 */
	MessageHandler replies();

	/** @param observer told of every datagram received and answered */
	void setObserver(DatagramObserver observer);

	/** @return the address it binds to */
	String getLocalAddress();

	/** @return the bound port once bound, else the configured one */
	int getPort();

	boolean isListening();

	/** @return why it could not bind, if it could not */
	Optional<String> failure();

	/**
	 * A reply to a datagram, with the headers that route it back and nothing else: where it goes
	 * ({@code ip_packetAddress}) and, on {@code netty}, the socket it leaves from (kept by the message's headers, not
	 * copied: see {@link UncopiedMessageHeaders}).
	 * @param payload the reply's bytes
	 * @param request the datagram's headers
	 * @return the reply, with an id and a timestamp of its own
	 */
	static Message<byte[]> reply(byte[] payload, MessageHeaders request) {
		Object channel = request.get(RECEIVING_CHANNEL);
		Object destination = request.get(IpHeaders.PACKET_ADDRESS);
		Assert.notNull(destination, () -> "No " + IpHeaders.PACKET_ADDRESS + " header: nowhere to reply");
		Map<String, Object> headers = (channel != null)
				? Map.of(IpHeaders.PACKET_ADDRESS, destination, RECEIVING_CHANNEL, channel)
				: Map.of(IpHeaders.PACKET_ADDRESS, destination);
		return new GenericMessage<>(payload, new UncopiedMessageHeaders(UncopiedMessageHeaders.Shared.of(headers)));
	}

}
