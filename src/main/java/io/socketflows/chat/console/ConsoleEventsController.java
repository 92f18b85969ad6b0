package io.socketflows.chat.console;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketService;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console page's live feed, {@code GET /api/conversations/events}: server-sent events ({@code snapshot},
 * {@code opened}, {@code message}, {@code reply}, {@code closed}), resumed after a reconnection
 * ({@code Last-Event-ID}).
 */
@RestController
@ConditionalOnService(SocketService.CHAT)
class ConsoleEventsController {

	private final ConsoleFeed feed;

	ConsoleEventsController(ConsoleFeed feed) {
		this.feed = feed;
	}

	@GetMapping(path = "/api/conversations/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return this.feed.follow(lastEventId);
	}

}
