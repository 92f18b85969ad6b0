package io.socketflows.chat.conversation;

import java.util.List;
import java.util.Optional;

/**
 * One instance's conversations, in its memory ({@code sockets.chat.cluster=none}).
 */
public final class LocalConversations implements ConversationDirectory {

	private final Conversations conversations;

	public LocalConversations(Conversations conversations) {
		this.conversations = conversations;
	}

	@Override
	public List<ConversationView> list() {
		return this.conversations.list().stream().map(ConversationView::of).toList();
	}

	@Override
	public Optional<ConversationView> find(long id) {
		return this.conversations.find(id).map(ConversationView::of);
	}

	@Override
	public void answer(long id, String text) {
		this.conversations.answer(id, text);
	}

	@Override
	public void end(long id) {
		this.conversations.end(id);
	}

}
