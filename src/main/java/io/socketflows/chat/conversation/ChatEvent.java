package io.socketflows.chat.conversation;

/**
 * What happens in conversations, for the operators to react to.
 */
public sealed interface ChatEvent {

	Conversation conversation();

	/** A client connected. */
	record Opened(Conversation conversation) implements ChatEvent {
	}

	/** A client sent a message. */
	record Received(Conversation conversation, Conversation.ChatMessage message) implements ChatEvent {

		public String text() {
			return this.message.text();
		}

	}

	/** An answer went to a client. */
	record Answered(Conversation conversation, Conversation.ChatMessage message) implements ChatEvent {

		public String text() {
			return this.message.text();
		}

	}

	/** The conversation ended: the client left or the operator said {@code exit}. */
	record Closed(Conversation conversation) implements ChatEvent {
	}

}
