package io.socketflows.chat.conversation;

/**
 * An answer or an end that no pod took: Redis cannot be reached, or the pod that holds the client did not answer.
 */
public class ClusterUnavailableException extends RuntimeException {

	public ClusterUnavailableException(String message) {
		super(message);
	}

}
