package io.socketflows.chat.console;

import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One event of the console's stream; the heartbeat is a comment, without an id.
 *
 * @param id its place in the stream
 * @param name {@code snapshot}, {@code opened}, {@code message}, {@code reply} or {@code closed}
 * @param data what the page reads, as JSON
 */
record FeedEvent(long id, String name, Object data) {

	static final FeedEvent HEARTBEAT = new FeedEvent(0, "", "");

	private static final Duration RECONNECT = Duration.ofSeconds(2);

	SseEmitter.SseEventBuilder toSse(String epoch) {
		if (this == HEARTBEAT) {
			return SseEmitter.event().comment("heartbeat");
		}
		return SseEmitter.event()
			.id(epoch + "-" + this.id)
			.name(this.name)
			.reconnectTime(RECONNECT.toMillis())
			.data(this.data, MediaType.APPLICATION_JSON);
	}

}
