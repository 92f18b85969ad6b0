package io.socketflows.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a client got no reply, as one line for standard error and an exit status for scripts.
 */
public final class ClientFailure extends RuntimeException {

	private final Status status;

	public ClientFailure(Status status, String message) {
		super(message);
		this.status = status;
	}

	public Status status() {
		return this.status;
	}

	/** The exit statuses of client mode, as its help lists them; 2 is picocli's, for a wrong command line. */
	public enum Status {

		/** The reply came. */
		OK(0, "the reply came"),

		/** Any other failure: a connection reset, closed without an answer. */
		FAILED(1, "another failure: the connection closed without an answer, reset"),

		/** A wrong command line, reported by picocli with the usage. */
		USAGE(2, "a wrong command line"),

		/** No address of the host accepted the connection. */
		REFUSED(3, "connection refused"),

		/** The host name did not resolve (to an address of the chosen family). */
		UNKNOWN_HOST(4, "unknown host"),

		/** No connection, or no reply, within {@code --timeout}. */
		TIMEOUT(5, "no connection or no answer within --timeout"),

		/** No datagram came back within {@code --timeout}. */
		NO_UDP_ANSWER(6, "no UDP answer within --timeout");

		private final int exitCode;

		private final String description;

		Status(int exitCode, String description) {
			this.exitCode = exitCode;
			this.description = description;
		}

		public int exitCode() {
			return this.exitCode;
		}

		/** @return every status and its meaning, for the help's list */
		public static Map<String, String> descriptions() {
			Map<String, String> list = new LinkedHashMap<>();
			for (Status status : values()) {
				list.put(String.valueOf(status.exitCode), status.description);
			}
			return list;
		}

	}

}
