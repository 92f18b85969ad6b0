package io.socketflows.chat.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The stream's numbering and its last events, for a browser that reconnects ({@code Last-Event-ID}). Not
 * thread-safe: the feed calls it with its lock held.
 */
final class Replay {

	/** Events kept for a browser that reconnects; one that missed more gets a snapshot instead. */
	private static final int KEPT = 1000;

	/** Event ids of another run of the application are not ours to resume from. */
	private final String epoch = Long.toString(System.currentTimeMillis(), 36);

	private final Deque<FeedEvent> kept = new ArrayDeque<>();

	private long lastId;

	String epoch() {
		return this.epoch;
	}

	/** @return the next event of the stream, kept for the replay */
	FeedEvent next(String name, Object data) {
		FeedEvent event = new FeedEvent(++this.lastId, name, data);
		if (this.kept.size() == KEPT) {
			this.kept.removeFirst();
		}
		this.kept.addLast(event);
		return event;
	}

	/** @return a snapshot event numbered as the last one sent: a browser resumes after it */
	FeedEvent snapshot(Object conversations) {
		return new FeedEvent(this.lastId, "snapshot", conversations);
	}

	/** @return what a browser that last saw {@code lastEventId} missed, empty when only a snapshot will do */
	Optional<List<FeedEvent>> since(@Nullable String lastEventId) {
		long seen = seen(lastEventId);
		FeedEvent first = this.kept.peekFirst();
		if (seen >= 0 && seen <= this.lastId && (seen == this.lastId || (first != null && seen >= first.id() - 1))) {
			return Optional.of(this.kept.stream().filter((event) -> event.id() > seen).toList());
		}
		return Optional.empty();
	}

	private long seen(@Nullable String lastEventId) {
		String prefix = this.epoch + "-";
		if (lastEventId == null || !lastEventId.startsWith(prefix)) {
			return -1;
		}
		try {
			return Long.parseLong(lastEventId.substring(prefix.length()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
