package io.socketflows.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.support.LogLimiter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * This pod's part in the chat cluster: writes its conversations to the registry (and refreshes them before they
 * expire), tells the other pods what happens in them, carries out the answers and ends they route to it, routes
 * those for the conversations of other pods, and shows the other pods' conversations on its console page.
 * <p>
 * Redis is only ever called from the cluster's own thread or an operator's request, never from an event loop.
 */
final class ClusterNode implements SmartLifecycle {

	/** How many updates may wait for Redis. */
	static final int MAX_PENDING_WRITES = 1024;

	/** How long an operator's request waits for the pod that holds the client. */
	static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(5);

	/** The message header that names the Redis channel a message is published on. */
	static final String TOPIC = "chat_cluster_topic";

	private static final Logger logger = LoggerFactory.getLogger(ClusterNode.class);

	private final LogLimiter limiter = new LogLimiter(10);

	private final ClusterPod pod;

	private final ClusterRegistry registry;

	private final ClusterIds ids;

	/** Updates waiting for the cluster's thread. */
	private final AtomicInteger pendingWrites = new AtomicInteger();

	private final ChatClusterHealth health;

	private final Conversations conversations;

	private final ConversationEventStream stream;

	private final MessageChannel out;

	private final MessageProducerSupport inbound;

	private final JsonMapper json;

	private final int history;

	private final Duration refresh;

	private final Map<String, CompletableFuture<ClusterMessage.Outcome>> pending = new ConcurrentHashMap<>();

	/** The other pods' conversations shown on this pod's console page, and since when. */
	private final Map<Long, Shown> shown = new ConcurrentHashMap<>();

	private final Counter routedAnswers;

	private final Counter routedEnds;

	private final Counter unreachable;

	private final Counter unanswered;

	private final ScheduledExecutorService thread;

	private volatile @Nullable ScheduledFuture<?> ticks;

	ClusterNode(ClusterPod pod, ClusterRegistry registry, ClusterIds ids, ChatClusterHealth health,
			Conversations conversations, ConversationEventStream stream, MessageChannel out,
			MessageProducerSupport inbound, JsonMapper json, int history, Duration expiry, MeterRegistry meters) {
		this.pod = pod;
		this.registry = registry;
		this.ids = ids;
		this.health = health;
		this.conversations = conversations;
		this.stream = stream;
		this.out = out;
		this.inbound = inbound;
		this.json = json;
		this.history = history;
		this.refresh = expiry.dividedBy(3);
		this.routedAnswers = routed("answer", meters);
		this.routedEnds = routed("end", meters);
		this.unreachable = failures("unreachable", meters);
		this.unanswered = failures("timeout", meters);
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("chat-cluster-"));
		executor.setRemoveOnCancelPolicy(true);
		this.thread = executor;
		ids.refillOn(executor);
	}

	private static Counter routed(String kind, MeterRegistry meters) {
		return Counter.builder("sockets.chat.routed")
			.description("Operators' answers and ends carried to the pod that holds the client")
			.tag("kind", kind)
			.register(meters);
	}

	private static Counter failures(String reason, MeterRegistry meters) {
		return Counter.builder("sockets.chat.routing.failures")
			.description("Answers and ends for another pod's client that did not reach it (503)")
			.tag("reason", reason)
			.register(meters);
	}

	String pod() {
		return this.pod.id();
	}

	/**
	 * Carries an answer or an end to the pod that holds the conversation and waits for what it did.
	 * @throws ClusterUnavailableException when Redis cannot be reached or the pod does not answer in time
	 */
	ClusterMessage.Outcome route(ClusterMessage.Type type, ClusterEntry entry, @Nullable String text) {
		String correlation = UUID.randomUUID().toString();
		CompletableFuture<ClusterMessage.Outcome> outcome = new CompletableFuture<>();
		this.pending.put(correlation, outcome);
		try {
			publish(this.pod.topic(entry.pod()),
					ClusterMessage.command(type, this.pod.id(), entry.id(), correlation, text));
			ClusterMessage.Outcome done = outcome.get(ROUTE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			((type == ClusterMessage.Type.END) ? this.routedEnds : this.routedAnswers).increment();
			return done;
		}
		catch (TimeoutException ex) {
			this.unanswered.increment();
			throw new ClusterUnavailableException("Pod " + entry.pod() + ", which holds conversation #" + entry.id()
					+ ", did not answer within " + ROUTE_TIMEOUT.toSeconds() + "s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterUnavailableException("Interrupted while routing to pod " + entry.pod());
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (RuntimeException ex) {
			this.unreachable.increment();
			String reason = reason(ex);
			this.health.down(reason);
			throw new ClusterUnavailableException("Redis cannot be reached: " + reason);
		}
		finally {
			this.pending.remove(correlation);
		}
	}

	@EventListener
	void opened(ChatEvent.Opened event) {
		Conversation conversation = event.conversation();
		if (shared(conversation)) {
			ClusterEntry entry = ClusterEntry.of(conversation, this.pod.id());
			write(() -> {
				this.registry.save(List.of(entry));
				publishEvent(ClusterMessage.event(ClusterMessage.Type.OPENED, this.pod.id(), entry.id(), entry, null));
			});
		}
	}

	@EventListener
	void received(ChatEvent.Received event) {
		message(ClusterMessage.Type.MESSAGE, event.conversation(), event.message());
	}

	@EventListener
	void answered(ChatEvent.Answered event) {
		message(ClusterMessage.Type.REPLY, event.conversation(), event.message());
	}

	@EventListener
	void closed(ChatEvent.Closed event) {
		long id = event.conversation().id();
		if (shared(event.conversation())) {
			write(() -> {
				this.registry.remove(id);
				publishEvent(ClusterMessage.event(ClusterMessage.Type.CLOSED, this.pod.id(), id, null, null));
			});
		}
	}

	private void message(ClusterMessage.Type type, Conversation conversation, Conversation.ChatMessage message) {
		if (shared(conversation)) {
			ClusterEntry entry = ClusterEntry.of(conversation, this.pod.id());
			write(() -> {
				this.registry.save(List.of(entry));
				publishEvent(ClusterMessage.event(type, this.pod.id(), entry.id(), null, message));
			});
		}
	}

	/** Conversations numbered while Redis was out of reach stay this pod's. */
	private static boolean shared(Conversation conversation) {
		return conversation.id() > 0;
	}

	/** From the inbound adapter: a command for this pod, an outcome for it, or another pod's event. */
	void delivered(String payload) {
		ClusterMessage message;
		try {
			message = this.json.readValue(payload, ClusterMessage.class);
		}
		catch (RuntimeException ex) {
			warn("Chat cluster: unreadable message dropped: " + ex.getMessage());
			return;
		}
		if (message.pod().equals(this.pod.id()) && message.type() != ClusterMessage.Type.OUTCOME) {
			return;
		}
		switch (message.type()) {
			case ANSWER, END -> carryOut(message);
			case OUTCOME -> {
				CompletableFuture<ClusterMessage.Outcome> outcome = this.pending.get(message.correlation());
				if (outcome != null && message.outcome() != null) {
					outcome.complete(message.outcome());
				}
			}
			case OPENED -> {
				if (message.entry() != null) {
					show(message.entry());
				}
			}
			case MESSAGE, REPLY -> {
				if (message.message() != null) {
					show(message.conversation(), message.message());
				}
			}
			case CLOSED -> hide(message.conversation());
		}
	}

	private void carryOut(ClusterMessage command) {
		ClusterMessage.Outcome outcome;
		try {
			if (command.type() == ClusterMessage.Type.END) {
				this.conversations.end(command.conversation());
			}
			else {
				this.conversations.answer(command.conversation(), (command.text() != null) ? command.text() : "");
			}
			outcome = ClusterMessage.Outcome.DONE;
		}
		catch (ConversationNotFoundException ex) {
			outcome = ClusterMessage.Outcome.ENDED;
		}
		try {
			publish(this.pod.topic(command.pod()), command.outcome(this.pod.id(), outcome));
		}
		catch (RuntimeException ex) {
			warn("Chat cluster: the outcome of #" + command.conversation() + " did not reach pod " + command.pod()
					+ ": " + reason(ex));
		}
	}

	private synchronized void show(long id, Conversation.ChatMessage message) {
		Shown conversation = this.shown.get(id);
		if (conversation != null) {
			if (message.from() == Conversation.ChatMessage.From.CLIENT) {
				this.stream.received(new ChatEvent.Received(conversation.conversation, message));
			}
			else {
				this.stream.answered(new ChatEvent.Answered(conversation.conversation, message));
			}
		}
	}

	/** Synchronized with the other pods' events, so that the tick's and theirs reach the page one at a time. */
	private synchronized void show(ClusterEntry entry) {
		Conversation conversation = new Conversation(entry.id(), "", entry.remote(), entry.openedAt(), this.history);
		if (this.shown.putIfAbsent(entry.id(), new Shown(conversation, Instant.now())) == null) {
			this.stream.opened(new ChatEvent.Opened(conversation));
			for (Conversation.ChatMessage message : entry.messages()) {
				show(entry.id(), message);
			}
		}
	}

	private synchronized void hide(long id) {
		Shown conversation = this.shown.remove(id);
		if (conversation != null) {
			this.stream.closed(new ChatEvent.Closed(conversation.conversation));
		}
	}

	/**
	 * On the cluster's thread, every third of the expiry: refreshes this pod's entries, takes numbers ahead, and
	 * brings the console page in line with the registry (a pod that died sent no {@code CLOSED}).
	 */
	private void tick() {
		try {
			if (!this.inbound.isRunning()) {
				this.inbound.start();
			}
			List<ClusterEntry> mine = this.conversations.list()
				.stream()
				.filter(ClusterNode::shared)
				.map((conversation) -> ClusterEntry.of(conversation, this.pod.id()))
				.toList();
			this.registry.save(mine);
			this.ids.refill();
			Instant listedAt = Instant.now();
			Set<Long> live = new HashSet<>();
			for (ClusterEntry entry : this.registry.list()) {
				live.add(entry.id());
				if (!entry.pod().equals(this.pod.id())) {
					show(entry);
				}
			}
			this.shown.forEach((id, conversation) -> {
				if (!live.contains(id) && conversation.since.isBefore(listedAt)) {
					hide(id);
				}
			});
			this.health.up(mine.size());
		}
		catch (RuntimeException ex) {
			String reason = reason(ex);
			if (this.health.reachable()) {
				logger.warn("Chat cluster: Redis cannot be reached, serving this pod's conversations only: {}", reason);
			}
			this.health.down(reason);
		}
	}

	/**
	 * On the cluster's thread, at most {@link #MAX_PENDING_WRITES} waiting (the executor's queue has no bound of
	 * its own): beyond them, while Redis is slow, an update is dropped and the next refresh repairs the registry.
	 */
	private void write(Runnable task) {
		if (this.pendingWrites.incrementAndGet() > MAX_PENDING_WRITES) {
			this.pendingWrites.decrementAndGet();
			warn("Chat cluster: Redis is " + MAX_PENDING_WRITES + " updates behind, one dropped (the next refresh "
					+ "repairs the registry)");
			return;
		}
		try {
			this.thread.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					this.health.down(reason(ex));
					warn("Chat cluster: registry not updated: " + reason(ex));
				}
				finally {
					this.pendingWrites.decrementAndGet();
				}
			});
		}
		catch (RuntimeException ex) {
			// Stopped: the pod's entries are removed or expire.
			this.pendingWrites.decrementAndGet();
		}
	}

	private void publishEvent(ClusterMessage event) {
		publish(this.pod.events(), event);
	}

	private void publish(String topic, ClusterMessage message) {
		this.out.send(MessageBuilder.withPayload(this.json.writeValueAsString(message)).setHeader(TOPIC, topic).build());
	}

	private void warn(String line) {
		if (this.limiter.allow(logger::warn)) {
			logger.warn(line);
		}
	}

	private static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public void start() {
		this.ticks = this.thread.scheduleWithFixedDelay(this::tick, 0, this.refresh.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** After the drain: what is left of this pod's conversations leaves the registry. */
	@Override
	public void stop() {
		ScheduledFuture<?> running = this.ticks;
		this.ticks = null;
		if (running != null) {
			running.cancel(false);
		}
		Future<?> removed = this.thread.submit(() -> {
			for (Conversation conversation : this.conversations.list()) {
				if (shared(conversation)) {
					this.registry.remove(conversation.id());
				}
			}
		});
		try {
			removed.get(ROUTE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Chat cluster: entries left to expire in the registry: {}", reason(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.ticks != null;
	}

	/**
	 * After the drain (Integer.MAX_VALUE - 512) and the web server, before the Redis adapters
	 * (Integer.MAX_VALUE / 2) and the connection factory (0) it needs to clean up.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE / 2 + 1;
	}

	/** Another pod's conversation on this pod's console page. */
	private record Shown(Conversation conversation, Instant since) {
	}

}
