package io.socketflows.chat;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as the cluster's registry holds it.
 *
 * @param id the conversation number, unique across the cluster
 * @param pod the pod that holds the client's socket
 * @param remote the client's address and port
 * @param openedAt when the client connected
 * @param messages the last messages, oldest first
 */
record ClusterEntry(long id, String pod, String remote, Instant openedAt, List<Conversation.ChatMessage> messages) {

	static ClusterEntry of(Conversation conversation, String pod) {
		return new ClusterEntry(conversation.id(), pod, conversation.remote(), conversation.openedAt(),
				conversation.messages());
	}

	ChatController.ConversationView view() {
		return new ChatController.ConversationView(this.id, this.remote, this.openedAt, this.messages);
	}

}
