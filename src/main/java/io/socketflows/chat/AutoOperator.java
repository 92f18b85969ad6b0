package io.socketflows.chat;

import org.springframework.context.event.EventListener;

/**
 * Answers every message at once: with the configured text, or with the message itself when that is empty.
 */
final class AutoOperator implements ChatOperator {

	private final Conversations conversations;

	private final String autoReply;

	AutoOperator(Conversations conversations, String autoReply) {
		this.conversations = conversations;
		this.autoReply = autoReply;
	}

	@EventListener
	void received(ChatEvent.Received event) {
		String answer = this.autoReply.isEmpty() ? event.text() : this.autoReply;
		try {
			this.conversations.answer(event.conversation().id(), answer);
		}
		catch (ConversationNotFoundException ex) {
			// The client left before the answer: nothing to answer.
		}
	}

}
