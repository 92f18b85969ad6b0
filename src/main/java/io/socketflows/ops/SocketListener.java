package io.socketflows.ops;

import java.util.Optional;

import io.socketflows.support.SocketAddresses;
import io.socketflows.support.SocketService;

/**
 * One listening socket of a service, as health, the gauge, the start-up check and the drain see it.
 */
interface SocketListener {

	SocketService service();

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
		return service().protocol() + " " + SocketAddresses.format(address(), port());
	}

}
