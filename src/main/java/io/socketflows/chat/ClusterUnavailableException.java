package io.socketflows.chat;

/**
 * An answer or an end that no pod took: Redis cannot be reached, or the pod that holds the client did not answer.
 */
class ClusterUnavailableException extends RuntimeException {

	ClusterUnavailableException(String message) {
		super(message);
	}

}
