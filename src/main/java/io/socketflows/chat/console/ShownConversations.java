package io.socketflows.chat.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.socketflows.chat.conversation.Conversation;
import io.socketflows.chat.conversation.ConversationView;

/**
 * The conversations as the console page shows them: its own copy, so that a snapshot and the events never
 * disagree; ended ones stay a while, greyed. Not thread-safe: the feed calls it with its lock held.
 */
final class ShownConversations {

	/** Ended conversations stay on the page, greyed, this long (and at most this many). */
	private static final Duration ENDED_KEPT_FOR = Duration.ofMinutes(30);

	private static final int ENDED_KEPT = 50;

	private final Map<Long, ConversationView> shown = new LinkedHashMap<>();

	private final int history;

	/** @param history how many messages of a conversation are kept, as in the conversation itself */
	ShownConversations(int history) {
		this.history = history;
	}

	void opened(ConversationView conversation) {
		this.shown.put(conversation.id(), conversation);
	}

	void message(long id, Conversation.ChatMessage message) {
		this.shown.computeIfPresent(id, (key, conversation) -> conversation.with(message, this.history));
	}

	void closed(long id, Instant closedAt) {
		this.shown.computeIfPresent(id, (key, conversation) -> conversation.closed(closedAt));
		forgetEnded(closedAt);
	}

	/** @return every conversation shown, in the order they opened */
	List<ConversationView> snapshot(Instant now) {
		forgetEnded(now);
		return List.copyOf(this.shown.values());
	}

	private void forgetEnded(Instant now) {
		long ended = this.shown.values().stream().filter((c) -> c.closedAt() != null).count();
		for (Iterator<ConversationView> all = this.shown.values().iterator(); all.hasNext();) {
			Instant closedAt = all.next().closedAt();
			if (closedAt != null && (ended > ENDED_KEPT || closedAt.plus(ENDED_KEPT_FOR).isBefore(now))) {
				all.remove();
				ended--;
			}
		}
	}

}
