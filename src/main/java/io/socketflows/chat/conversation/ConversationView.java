package io.socketflows.chat.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A conversation as the operators see it, the same in the API, the console's event stream and the page, on every
 * pod.
 *
 * @param id the conversation number
 * @param remote the client's address and port
 * @param openedAt when the client connected
 * @param closedAt when it ended, absent while open
 * @param messages the last messages, oldest first
 */
public record ConversationView(long id, String remote, Instant openedAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant closedAt, List<Conversation.ChatMessage> messages) {

	public static ConversationView of(Conversation conversation) {
		return new ConversationView(conversation.id(), conversation.remote(), conversation.openedAt(), null,
				conversation.messages());
	}

	/** @return this conversation with one more message, the oldest dropped beyond {@code history} */
	public ConversationView with(Conversation.ChatMessage message, int history) {
		List<Conversation.ChatMessage> last = new ArrayList<>(this.messages);
		last.add(message);
		int dropped = Math.max(0, last.size() - history);
		return new ConversationView(this.id, this.remote, this.openedAt, this.closedAt,
				List.copyOf(last.subList(dropped, last.size())));
	}

	public ConversationView closed(Instant at) {
		return new ConversationView(this.id, this.remote, this.openedAt, at, this.messages);
	}

}
