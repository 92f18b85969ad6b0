package io.socketflows.chat.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.socketflows.chat.conversation.ChatEvent;
import io.socketflows.chat.conversation.Conversation;
import io.socketflows.chat.conversation.ConversationView;
import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the console pages are told, in one order for all of them: this instance's {@link ChatEvent}s, and the other
 * pods' conversations that the cluster mirrors here. A new page gets a {@code snapshot} first, a page that
 * reconnects what it missed.
 */
@Component
@ConditionalOnService(SocketService.CHAT)
public class ConsoleFeed {

	/** The servlet request behind a stream; the browser reconnects when it ends. */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	/** Held while an event is numbered and queued for every page, so that each sees them in the order of ids. */
	private final Object lock = new Object();

	private final ShownConversations shown;

	private final Replay replay = new Replay();

	private final Browsers browsers;

	ConsoleFeed(SocketsProperties sockets, Browsers browsers) {
		this.shown = new ShownConversations(sockets.chat().history());
		this.browsers = browsers;
	}

	/** @return a new page's stream: a snapshot, or what it missed since {@code lastEventId} */
	SseEmitter follow(@Nullable String lastEventId) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Browser browser;
		synchronized (this.lock) {
			browser = this.browsers.open(emitter, this.replay.epoch());
			this.replay.since(lastEventId)
				.orElseGet(() -> List.of(this.replay.snapshot(this.shown.snapshot(Instant.now()))))
				.forEach(browser::offer);
		}
		browser.send();
		return emitter;
	}

	/** A conversation opened, here or on another pod. */
	public void opened(ConversationView conversation) {
		synchronized (this.lock) {
			this.shown.opened(conversation);
			publish("opened", conversation);
		}
	}

	/** A client's message ({@code CLIENT}) or an operator's answer, here or on another pod. */
	public void message(long conversation, Conversation.ChatMessage message) {
		String name = (message.from() == Conversation.ChatMessage.From.CLIENT) ? "message" : "reply";
		synchronized (this.lock) {
			this.shown.message(conversation, message);
			publish(name, new MessageView(conversation, message));
		}
	}

	/** A conversation ended, here or on another pod. */
	public void closed(long conversation) {
		Instant closedAt = Instant.now();
		synchronized (this.lock) {
			this.shown.closed(conversation, closedAt);
			publish("closed", new ClosedView(conversation, closedAt));
		}
	}

	@EventListener
	void opened(ChatEvent.Opened event) {
		opened(ConversationView.of(event.conversation()));
	}

	@EventListener
	void received(ChatEvent.Received event) {
		message(event.conversation().id(), event.message());
	}

	@EventListener
	void answered(ChatEvent.Answered event) {
		message(event.conversation().id(), event.message());
	}

	@EventListener
	void closed(ChatEvent.Closed event) {
		closed(event.conversation().id());
	}

	/** With the lock held. */
	private void publish(String name, Object data) {
		this.browsers.publish(this.replay.next(name, data));
	}

	/**
	 * A {@code message} (from the client) or {@code reply} (from an operator) event.
	 *
	 * @param conversation the conversation number
	 * @param message what went through
	 */
	record MessageView(long conversation, Conversation.ChatMessage message) {
	}

	/**
	 * A {@code closed} event.
	 *
	 * @param conversation the conversation number
	 * @param closedAt when it ended
	 */
	record ClosedView(long conversation, Instant closedAt) {
	}

}
