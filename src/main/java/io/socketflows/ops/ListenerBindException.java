package io.socketflows.ops;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Enabled listeners could not listen at start-up, with {@code sockets.fail-fast} on: one line per listener.
 */
class ListenerBindException extends IllegalStateException {

	private final transient List<Failure> failures;

	ListenerBindException(List<Failure> failures) {
		super(failures.stream().map(Failure::toString).collect(Collectors.joining("\n")));
		this.failures = List.copyOf(failures);
	}

	List<Failure> failures() {
		return this.failures;
	}

	/**
	 * One listener that could not listen.
	 * @param listener the listener
	 * @param reason why
	 */
	record Failure(SocketListener listener, String reason) {

		@Override
		public String toString() {
			return this.listener.service() + " could not listen on " + this.listener.describe() + ": " + this.reason;
		}

	}

}
