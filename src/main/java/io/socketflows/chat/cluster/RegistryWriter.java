package io.socketflows.chat.cluster;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.socketflows.chat.conversation.ChatEvent;
import io.socketflows.chat.conversation.Conversation;
import io.socketflows.chat.conversation.Conversations;
import io.socketflows.support.LogLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * Writes this pod's conversations to the registry as they change, and tells the other pods
 * ({@code chatClusterOutbound}, every pod's events channel). Redis is called on the cluster's thread, never on
 * the event loop that reported the change.
 */
final class RegistryWriter {

	/** How many updates may wait for Redis. */
	static final int MAX_PENDING_WRITES = 1024;

	private static final Logger logger = LoggerFactory.getLogger(RegistryWriter.class);

	private final LogLimiter limiter = new LogLimiter(10);

	private final ClusterPod pod;

	private final ClusterRegistry registry;

	private final Conversations conversations;

	private final ChatClusterHealth health;

	private final MessageChannel outbound;

	private final Executor thread;

	/** Updates waiting for the cluster's thread. */
	private final AtomicInteger pendingWrites = new AtomicInteger();

	RegistryWriter(ClusterPod pod, ClusterRegistry registry, Conversations conversations, ChatClusterHealth health,
			MessageChannel outbound, Executor thread) {
		this.pod = pod;
		this.registry = registry;
		this.conversations = conversations;
		this.health = health;
		this.outbound = outbound;
		this.thread = thread;
	}

	@EventListener
	void opened(ChatEvent.Opened event) {
		Conversation conversation = event.conversation();
		if (shared(conversation)) {
			ClusterEntry entry = ClusterEntry.of(conversation, this.pod.id());
			write(() -> {
				this.registry.save(List.of(entry));
				tell(ClusterMessage.event(ClusterMessage.Type.OPENED, this.pod.id(), entry.id(), entry, null));
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
				tell(ClusterMessage.event(ClusterMessage.Type.CLOSED, this.pod.id(), id, null, null));
			});
		}
	}

	/**
	 * On the cluster's thread: writes every conversation of this pod again, which restarts their expiry.
	 * @return how many
	 */
	int saveAll() {
		List<ClusterEntry> mine = this.conversations.list()
			.stream()
			.filter(RegistryWriter::shared)
			.map((conversation) -> ClusterEntry.of(conversation, this.pod.id()))
			.toList();
		this.registry.save(mine);
		return mine.size();
	}

	/** On the cluster's thread, as the pod stops: what is left of its conversations leaves the registry. */
	void removeAll() {
		for (Conversation conversation : this.conversations.list()) {
			if (shared(conversation)) {
				this.registry.remove(conversation.id());
			}
		}
	}

	private void message(ClusterMessage.Type type, Conversation conversation, Conversation.ChatMessage message) {
		if (shared(conversation)) {
			ClusterEntry entry = ClusterEntry.of(conversation, this.pod.id());
			write(() -> {
				this.registry.save(List.of(entry));
				tell(ClusterMessage.event(type, this.pod.id(), entry.id(), null, message));
			});
		}
	}

	/** Conversations numbered while Redis was out of reach stay this pod's. */
	private static boolean shared(Conversation conversation) {
		return conversation.id() > 0;
	}

	/** To every pod: no {@code TO} header. */
	private void tell(ClusterMessage event) {
		this.outbound.send(MessageBuilder.withPayload(event).build());
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
					String reason = ChatClusterHealth.reason(ex);
					this.health.down(reason);
					warn("Chat cluster: registry not updated: " + reason);
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

	private void warn(String line) {
		this.limiter.warn(logger, "{}", line);
	}

}
