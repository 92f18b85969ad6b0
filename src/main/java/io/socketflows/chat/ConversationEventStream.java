package io.socketflows.chat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console page's live feed, {@code GET /api/conversations/events}: every {@link ChatEvent} as a server-sent
 * event ({@code opened}, {@code message}, {@code reply}, {@code closed}), after a {@code snapshot} of the
 * conversations, or after a replay of what a reconnecting browser missed ({@code Last-Event-ID}).
 */
@RestController
@ConditionalOnService(SocketService.CHAT)
class ConversationEventStream implements SmartLifecycle {

	/** Events kept for a browser that reconnects; one that missed more gets a snapshot instead. */
	private static final int REPLAY = 1000;

	/**
	 * Events waiting for one browser. The chat flow only ever queues: a browser that falls this far behind is
	 * cut off, and its EventSource reconnects and resumes from the replay.
	 */
	private static final int BACKLOG = 256;

	private static final int MAX_BROWSERS = 64;

	/** Ended conversations stay on the page, greyed, this long (and at most this many). */
	private static final Duration ENDED_KEPT_FOR = Duration.ofMinutes(30);

	private static final int ENDED_KEPT = 50;

	/** A comment now and then finds the browsers that went away and keeps proxies from timing out. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(20);

	/** The servlet request behind a stream; the browser reconnects when it ends. */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private static final Duration RECONNECT = Duration.ofSeconds(2);

	/** Event ids of another run of the application are not ours to resume from. */
	private final String epoch = Long.toString(System.currentTimeMillis(), 36);

	private final Object lock = new Object();

	private final Deque<Event> replay = new ArrayDeque<>();

	private final Map<Long, ConsoleConversation> conversations = new LinkedHashMap<>();

	private final Set<Browser> browsers = ConcurrentHashMap.newKeySet();

	private final int history;

	private final TaskScheduler scheduler;

	private final SimpleAsyncTaskExecutor senders;

	private long lastId;

	private volatile @Nullable ScheduledFuture<?> heartbeat;

	ConversationEventStream(SocketsProperties sockets, TaskScheduler scheduler, Environment environment) {
		this.history = sockets.chat().history();
		this.scheduler = scheduler;
		this.senders = new SimpleAsyncTaskExecutor("console-events-");
		this.senders.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
	}

	@GetMapping(path = "/api/conversations/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Browser browser = new Browser(emitter);
		emitter.onCompletion(() -> this.browsers.remove(browser));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> this.browsers.remove(browser));
		synchronized (this.lock) {
			if (this.browsers.size() >= MAX_BROWSERS) {
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many console pages open");
			}
			missedSince(lastEventId).forEach(browser::offer);
			this.browsers.add(browser);
		}
		browser.send();
		return emitter;
	}

	@EventListener
	void opened(ChatEvent.Opened event) {
		Conversation conversation = event.conversation();
		ConsoleConversation shown = new ConsoleConversation(conversation.id(), conversation.remote(),
				conversation.openedAt());
		synchronized (this.lock) {
			this.conversations.put(shown.id, shown);
			publish("opened", shown.view());
		}
	}

	@EventListener
	void received(ChatEvent.Received event) {
		message("message", event.conversation(), event.message());
	}

	@EventListener
	void answered(ChatEvent.Answered event) {
		message("reply", event.conversation(), event.message());
	}

	@EventListener
	void closed(ChatEvent.Closed event) {
		Instant closedAt = Instant.now();
		synchronized (this.lock) {
			ConsoleConversation shown = this.conversations.get(event.conversation().id());
			if (shown != null) {
				shown.closedAt = closedAt;
			}
			publish("closed", new ClosedView(event.conversation().id(), closedAt));
			forgetEnded(closedAt);
		}
	}

	private void message(String name, Conversation conversation, Conversation.ChatMessage message) {
		synchronized (this.lock) {
			ConsoleConversation shown = this.conversations.get(conversation.id());
			if (shown != null) {
				shown.add(message, this.history);
			}
			publish(name, new MessageView(conversation.id(), message));
		}
	}

	/** Called with the lock held, so that every browser sees the events in the order of their ids. */
	private void publish(String name, Object data) {
		Event event = new Event(++this.lastId, name, data);
		if (this.replay.size() == REPLAY) {
			this.replay.removeFirst();
		}
		this.replay.addLast(event);
		for (Browser browser : this.browsers) {
			browser.offer(event);
			browser.send();
		}
	}

	/** With the lock held: what a browser that last saw {@code lastEventId} needs, a snapshot if unsure. */
	private List<Event> missedSince(@Nullable String lastEventId) {
		long seen = seen(lastEventId);
		Event first = this.replay.peekFirst();
		if (seen >= 0 && seen <= this.lastId && (seen == this.lastId || (first != null && seen >= first.id - 1))) {
			return this.replay.stream().filter((event) -> event.id > seen).toList();
		}
		forgetEnded(Instant.now());
		return List.of(new Event(this.lastId, "snapshot",
				this.conversations.values().stream().map(ConsoleConversation::view).toList()));
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

	/** With the lock held. */
	private void forgetEnded(Instant now) {
		long ended = this.conversations.values().stream().filter((c) -> c.closedAt != null).count();
		for (Iterator<ConsoleConversation> all = this.conversations.values().iterator(); all.hasNext();) {
			ConsoleConversation conversation = all.next();
			if (conversation.closedAt != null
					&& (ended > ENDED_KEPT || conversation.closedAt.plus(ENDED_KEPT_FOR).isBefore(now))) {
				all.remove();
				ended--;
			}
		}
	}

	private void beat() {
		synchronized (this.lock) {
			forgetEnded(Instant.now());
		}
		for (Browser browser : this.browsers) {
			browser.offer(Event.HEARTBEAT);
			browser.send();
		}
	}

	@Override
	public void start() {
		this.heartbeat = this.scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT);
	}

	/** Open streams would hold the web server's graceful shutdown until they time out: end them first. */
	@Override
	public void stop() {
		ScheduledFuture<?> beating = this.heartbeat;
		this.heartbeat = null;
		if (beating != null) {
			beating.cancel(false);
		}
		for (Browser browser : this.browsers) {
			browser.end();
		}
	}

	@Override
	public boolean isRunning() {
		return this.heartbeat != null;
	}

	/** One open page: its own queue, sent by its own thread while it has something to send. */
	private final class Browser {

		private final SseEmitter emitter;

		private final Queue<Event> queue = new ArrayBlockingQueue<>(BACKLOG);

		private final AtomicBoolean sending = new AtomicBoolean();

		private volatile boolean behind;

		private volatile boolean ended;

		Browser(SseEmitter emitter) {
			this.emitter = emitter;
		}

		void offer(Event event) {
			if (!this.queue.offer(event)) {
				this.behind = true;
			}
		}

		void send() {
			if (this.sending.compareAndSet(false, true)) {
				ConversationEventStream.this.senders.execute(this::drain);
			}
		}

		void end() {
			this.ended = true;
			send();
		}

		private void drain() {
			try {
				for (Event event = this.queue.poll(); event != null && !this.behind && !this.ended; event = this.queue
					.poll()) {
					this.emitter.send(event.toSse(ConversationEventStream.this.epoch));
				}
				if (this.behind || this.ended) {
					ConversationEventStream.this.browsers.remove(this);
					this.emitter.complete();
					return;
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The page went away (or its request timed out): nothing to tell it.
				ConversationEventStream.this.browsers.remove(this);
				return;
			}
			finally {
				this.sending.set(false);
			}
			// An event may have been queued after the last poll, while this thread still held the flag.
			if (!this.queue.isEmpty()) {
				send();
			}
		}

	}

	/** One event of the stream; the heartbeat is a comment, without an id. */
	private record Event(long id, String name, Object data) {

		static final Event HEARTBEAT = new Event(0, "", "");

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

	/** A conversation as the page keeps it: its own copy, so a snapshot and the events never disagree. */
	private static final class ConsoleConversation {

		private final long id;

		private final String remote;

		private final Instant openedAt;

		private final Deque<Conversation.ChatMessage> messages = new ArrayDeque<>();

		private @Nullable Instant closedAt;

		ConsoleConversation(long id, String remote, Instant openedAt) {
			this.id = id;
			this.remote = remote;
			this.openedAt = openedAt;
		}

		void add(Conversation.ChatMessage message, int history) {
			if (this.messages.size() == history) {
				this.messages.removeFirst();
			}
			this.messages.addLast(message);
		}

		ConversationView view() {
			return new ConversationView(this.id, this.remote, this.openedAt, this.closedAt,
					new ArrayList<>(this.messages));
		}

	}

	/**
	 * A conversation in an {@code opened} or {@code snapshot} event.
	 *
	 * @param id the conversation number
	 * @param remote the client's address and port
	 * @param openedAt when the client connected
	 * @param closedAt when it ended, {@code null} while open
	 * @param messages the last messages, oldest first
	 */
	record ConversationView(long id, String remote, Instant openedAt, @Nullable Instant closedAt,
			List<Conversation.ChatMessage> messages) {
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
