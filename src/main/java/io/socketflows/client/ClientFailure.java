package io.socketflows.client;

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

	/** The exit statuses of client mode; 2 is picocli's, for a wrong command line. */
	public enum Status {

		/** Any other failure: a connection reset, closed without an answer. */
		FAILED(1),

		/** No address of the host accepted the connection. */
		REFUSED(3),

		/** The host name did not resolve (to an address of the chosen family). */
		UNKNOWN_HOST(4),

		/** No connection, or no reply, within {@code --timeout}. */
		TIMEOUT(5),

		/** No datagram came back within {@code --timeout}. */
		NO_UDP_ANSWER(6);

		private final int exitCode;

		Status(int exitCode) {
			this.exitCode = exitCode;
		}

		public int exitCode() {
			return this.exitCode;
		}

	}

}
