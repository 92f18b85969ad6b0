package io.socketflows.chat.cluster;

import io.socketflows.chat.conversation.Conversation;
import org.jspecify.annotations.Nullable;

/**
 * What the pods tell each other over Redis pub/sub, as JSON: commands to the pod that holds a conversation, its
 * outcome back to the pod that asked, and every pod's conversation events for the others' console pages.
 *
 * @param type what it is
 * @param pod the pod that sent it
 * @param conversation the conversation number
 * @param correlation pairs a command with its outcome
 * @param text an answer's text
 * @param outcome what the owner did with a command
 * @param entry the conversation, in an {@code OPENED} event
 * @param message the message, in a {@code MESSAGE} or {@code REPLY} event
 */
record ClusterMessage(Type type, String pod, long conversation, @Nullable String correlation, @Nullable String text,
		@Nullable Outcome outcome, @Nullable ClusterEntry entry, Conversation.@Nullable ChatMessage message) {

	static ClusterMessage command(Type type, String pod, long conversation, String correlation,
			@Nullable String text) {
		return new ClusterMessage(type, pod, conversation, correlation, text, null, null, null);
	}

	ClusterMessage outcome(String pod, Outcome outcome) {
		return new ClusterMessage(Type.OUTCOME, pod, this.conversation, this.correlation, null, outcome, null, null);
	}

	static ClusterMessage event(Type type, String pod, long conversation, @Nullable ClusterEntry entry,
			Conversation.@Nullable ChatMessage message) {
		return new ClusterMessage(type, pod, conversation, null, null, null, entry, message);
	}

	/** What a message is. */
	enum Type {

		/** An operator's answer, to the owner. */
		ANSWER,

		/** An operator's end, to the owner. */
		END,

		/** The owner's outcome of a command, to the pod that sent it. */
		OUTCOME,

		/** Events of the owner's conversations, to every pod. */
		OPENED, MESSAGE, REPLY, CLOSED

	}

	/** What the owner did with a command. */
	enum Outcome {

		/** Written to the client, or its connection closed. */
		DONE,

		/** The conversation had ended. */
		ENDED

	}

}
