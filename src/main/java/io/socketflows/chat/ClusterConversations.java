package io.socketflows.chat;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataAccessException;

/**
 * Every pod's conversations ({@code sockets.chat.cluster=redis}): this pod's from memory, the others' from the
 * registry, answers and ends for those carried to their pod. While Redis cannot be reached the list falls back to
 * this pod's conversations.
 */
final class ClusterConversations implements ConversationDirectory {

	private final Conversations local;

	private final ClusterRegistry registry;

	private final ClusterNode node;

	private final ChatClusterHealth health;

	ClusterConversations(Conversations local, ClusterRegistry registry, ClusterNode node, ChatClusterHealth health) {
		this.local = local;
		this.registry = registry;
		this.node = node;
		this.health = health;
	}

	@Override
	public List<ChatController.ConversationView> list() {
		Map<Long, ChatController.ConversationView> all = new LinkedHashMap<>();
		try {
			this.registry.list().forEach((entry) -> all.put(entry.id(), entry.view()));
		}
		catch (DataAccessException ex) {
			this.health.down(ex.getMessage());
		}
		// This pod's own are the freshest, and those numbered during an outage are only here.
		this.local.list().forEach((conversation) -> all.put(conversation.id(), ChatController.ConversationView.of(conversation)));
		return all.values().stream().sorted(Comparator.comparingLong(ChatController.ConversationView::id)).toList();
	}

	@Override
	public Optional<ChatController.ConversationView> find(long id) {
		Optional<Conversation> mine = this.local.find(id);
		if (mine.isPresent()) {
			return mine.map(ChatController.ConversationView::of);
		}
		return entry(id).map(ClusterEntry::view);
	}

	@Override
	public void answer(long id, String text) {
		route(ClusterMessage.Type.ANSWER, id, text);
	}

	@Override
	public void end(long id) {
		route(ClusterMessage.Type.END, id, null);
	}

	private void route(ClusterMessage.Type type, long id, String text) {
		if (this.local.find(id).isPresent()) {
			if (type == ClusterMessage.Type.END) {
				this.local.end(id);
			}
			else {
				this.local.answer(id, text);
			}
			return;
		}
		ClusterEntry entry = entry(id).orElseThrow(() -> notOpen(id));
		if (entry.pod().equals(this.node.pod()) || this.node.route(type, entry, text) == ClusterMessage.Outcome.ENDED) {
			// Closed between the registry's answer and now.
			throw ended(id);
		}
	}

	private Optional<ClusterEntry> entry(long id) {
		if (id <= 0) {
			return Optional.empty();
		}
		try {
			return this.registry.find(id);
		}
		catch (DataAccessException ex) {
			this.health.down(ex.getMessage());
			throw new ClusterUnavailableException("Redis cannot be reached: " + ex.getMessage());
		}
	}

	/** A number the counter handed out belongs to a conversation that has ended (its pod may have gone). */
	private ConversationNotFoundException notOpen(long id) {
		try {
			if (id > 0 && id <= this.registry.lastId()) {
				return ended(id);
			}
		}
		catch (DataAccessException ex) {
			this.health.down(ex.getMessage());
		}
		return new ConversationNotFoundException(id);
	}

	private static ConversationNotFoundException ended(long id) {
		return new ConversationNotFoundException("No open conversation #" + id + ": it has ended");
	}

}
