package io.socketflows.transport;

import java.net.SocketAddress;
import java.time.Duration;

/**
 * Told of every datagram a UDP service receives and answers, so that operations count them in one place.
 */
public interface DatagramObserver {

	/** Observes nothing. */
	DatagramObserver NONE = new DatagramObserver() {
	};

	/**
	 * @param sender where it came from
	 * @param bytes its payload size
	 */
	default void received(SocketAddress sender, int bytes) {
	}

	/**
	 * @param receiver where the reply went
	 * @param bytes its payload size
	 */
	default void replied(SocketAddress receiver, int bytes) {
	}

	/**
	 * @param afterRequest how long the flow took from the datagram to its reply
	 */
	default void answered(Duration afterRequest) {
	}

	/**
	 * @param receiver where the reply should have gone
	 * @param cause why it could not be sent
	 */
	default void replyFailed(SocketAddress receiver, Exception cause) {
	}

}
