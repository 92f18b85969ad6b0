package io.socketflows.chat.cluster;

import java.time.Instant;
import java.util.List;

import io.socketflows.chat.conversation.Conversation;
import io.socketflows.chat.conversation.ConversationView;

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

	ConversationView view() {
		return new ConversationView(this.id, this.remote, this.openedAt, null, this.messages);
	}

}
