package io.socketflows.ops;

/**
 * An enabled listener could not listen at start-up, with {@code sockets.fail-fast} on.
 */
class ListenerBindException extends IllegalStateException {

	private final transient SocketListener listener;

	ListenerBindException(SocketListener listener, String reason) {
		super(listener.service() + " could not listen on " + listener.describe() + ": " + reason);
		this.listener = listener;
	}

	SocketListener listener() {
		return this.listener;
	}

}
