package io.socketflows.chat.conversation;

/**
 * An answer or an end for a conversation that is not open (never was, or has ended).
 */
public class ConversationNotFoundException extends RuntimeException {

	public ConversationNotFoundException(long id) {
		super("No open conversation #" + id);
	}

	public ConversationNotFoundException(String message) {
		super(message);
	}

}
