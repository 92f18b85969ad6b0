package io.socketflows.chat;

import java.util.List;
import java.util.Optional;

/**
 * One instance's conversations, in its memory ({@code sockets.chat.cluster=none}).
 */
final class LocalConversations implements ConversationDirectory {

	private final Conversations conversations;

	LocalConversations(Conversations conversations) {
		this.conversations = conversations;
	}

	@Override
	public List<ChatController.ConversationView> list() {
		return this.conversations.list().stream().map(ChatController.ConversationView::of).toList();
	}

	@Override
	public Optional<ChatController.ConversationView> find(long id) {
		return this.conversations.find(id).map(ChatController.ConversationView::of);
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
