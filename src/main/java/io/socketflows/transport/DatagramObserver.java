package io.socketflows.transport;

import java.net.SocketAddress;
import java.time.Duration;

import io.socketflows.support.EnumNames;

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

	/**
	 * @param sender where it came from
	 * @param bytes its payload size
	 * @param reason why it was dropped unanswered
	 */
	default void dropped(SocketAddress sender, int bytes, Drop reason) {
	}

	/** Why a datagram is dropped unanswered; the {@code reason} tag of {@code sockets.udp.dropped}. */
	enum Drop {

		/** Its source has used its burst and its rate ({@code sockets.udp.rate-limit}). */
		RATE_LIMIT,

		/**
		 * Its reply would send its destination more than the amplification budget allows
		 * ({@code sockets.udp.amplification}): the request was handled, its reply is not sent.
		 */
		AMPLIFICATION,

		/** Its source is denied, or not allowed, by {@code sockets.allow}/{@code sockets.deny}. */
		DENIED;

		/** @return the meter tag and log word: {@code rate-limit}, {@code amplification}, {@code denied} */
		public String tag() {
			return EnumNames.kebab(this);
		}

	}

}
