package io.socketflows.chat.operator;

import io.socketflows.chat.conversation.ChatEvent;
import io.socketflows.chat.conversation.ConversationNotFoundException;
import io.socketflows.chat.conversation.Conversations;

import org.springframework.context.event.EventListener;

/**
 * Answers every message at once: with the configured text, or with the message itself when that is empty.
 */
public final class AutoOperator implements ChatOperator {

	private final Conversations conversations;

	private final String autoReply;

	public AutoOperator(Conversations conversations, String autoReply) {
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
