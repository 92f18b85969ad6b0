package io.socketflows.support;

import java.util.Optional;

/**
 * One listening socket of a service, as health, the start-up check and the drain see it.
 */
public interface SocketListener {

	/** @return the service name, as in the properties: {@code echo}, {@code ack}, {@code udp}, {@code chat} */
	String service();

	/** @return {@code tcp} or {@code udp} */
	String protocol();

	/** @return the address it binds to */
	String address();

	/** @return the port it listens on: the bound one once bound, else the configured one */
	int port();

	/** @return whether it is bound and accepting now */
	boolean isListening();

	/** @return why it is not listening, when it failed */
	Optional<String> failure();

	/** Stops taking new clients while those already connected are still served. */
	void refuseNewClients();

	/** @return how many connections it holds open now, including any accepted but not yet announced */
	int openConnections();

	/** @return {@code protocol address:port}, IPv6 in brackets */
	default String describe() {
		String address = address();
		return protocol() + " " + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port();
	}

}
