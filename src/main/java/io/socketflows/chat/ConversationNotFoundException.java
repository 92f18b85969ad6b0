package io.socketflows.chat;

/**
 * An answer or an end for a conversation that is not open (never was, or has ended).
 */
class ConversationNotFoundException extends RuntimeException {

	ConversationNotFoundException(long id) {
		super("No open conversation #" + id);
	}

	ConversationNotFoundException(String message) {
		super(message);
	}

}
