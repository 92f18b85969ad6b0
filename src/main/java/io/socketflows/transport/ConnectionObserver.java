package io.socketflows.transport;

import java.time.Duration;

/**
 * Told of every message a TCP service's connections carry, so that operations count them in one place, as a
 * {@link DatagramObserver} is of datagrams. {@link TcpServers#observe} installs one on a service's server.
 */
public interface ConnectionObserver {

	/** Observes nothing. */
	ConnectionObserver NONE = new ConnectionObserver() {
	};

	/** @param bytes the payload size of a message received */
	default void received(int bytes) {
	}

	/** @param bytes the payload size of a reply written */
	default void sent(int bytes) {
	}

	/** @return whether {@link #answered} wants the time from each request to its reply */
	default boolean timesReplies() {
		return false;
	}

	/** @param afterRequest how long the flow took from the request to its reply */
	default void answered(Duration afterRequest) {
	}

}
