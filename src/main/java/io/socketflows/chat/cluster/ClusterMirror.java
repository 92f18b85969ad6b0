package io.socketflows.chat.cluster;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.socketflows.chat.conversation.Conversation;
import io.socketflows.chat.conversation.ConversationView;
import io.socketflows.chat.console.ConsoleFeed;

/**
 * The other pods' conversations on this pod's console page: shown from their events, and brought in line with the
 * registry at every refresh (a pod that died sent no {@code CLOSED}). Synchronized, so that the events of the
 * other pods and those of the refresh reach the page one at a time.
 */
final class ClusterMirror {

	private final ClusterPod pod;

	private final ConsoleFeed feed;

	/** The conversations shown, and since when. */
	private final Map<Long, Instant> shown = new ConcurrentHashMap<>();

	ClusterMirror(ClusterPod pod, ConsoleFeed feed) {
		this.pod = pod;
		this.feed = feed;
	}

	/** Another pod's {@code OPENED}. */
	synchronized void opened(ClusterMessage event) {
		if (event.entry() != null) {
			show(event.entry());
		}
	}

	/** Another pod's {@code MESSAGE} or {@code REPLY}. */
	synchronized void message(ClusterMessage event) {
		if (event.message() != null) {
			show(event.conversation(), event.message());
		}
	}

	/** Another pod's {@code CLOSED}. */
	synchronized void closed(ClusterMessage event) {
		hide(event.conversation());
	}

	/**
	 * Shows the other pods' live entries, hides those that are no longer in the registry.
	 * @param live every entry of the registry
	 * @param listedAt when they were listed: a conversation shown since then stays
	 */
	synchronized void sync(List<ClusterEntry> live, Instant listedAt) {
		Set<Long> ids = new HashSet<>();
		for (ClusterEntry entry : live) {
			ids.add(entry.id());
			if (!entry.pod().equals(this.pod.id())) {
				show(entry);
			}
		}
		this.shown.forEach((id, since) -> {
			if (!ids.contains(id) && since.isBefore(listedAt)) {
				hide(id);
			}
		});
	}

	private void show(ClusterEntry entry) {
		if (this.shown.putIfAbsent(entry.id(), Instant.now()) == null) {
			ConversationView view = entry.view();
			this.feed.opened(new ConversationView(view.id(), view.remote(), view.openedAt(), null, List.of()));
			for (Conversation.ChatMessage message : view.messages()) {
				show(entry.id(), message);
			}
		}
	}

	private void show(long id, Conversation.ChatMessage message) {
		if (this.shown.containsKey(id)) {
			this.feed.message(id, message);
		}
	}

	private void hide(long id) {
		if (this.shown.remove(id) != null) {
			this.feed.closed(id);
		}
	}

}
