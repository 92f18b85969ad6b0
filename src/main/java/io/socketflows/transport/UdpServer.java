package io.socketflows.transport;

import java.util.Optional;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageHandler;

/**
 * A UDP service's socket(s) on one port: the adapter its flow starts from, the handler that sends each reply from
 * the socket its datagram arrived on, and what health and fail-fast need to know.
 */
public interface UdpServer {

	/** @return the inbound channel adapter: each datagram one message, {@code ip_packetAddress} its sender */
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

}
