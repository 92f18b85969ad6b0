package io.socketflows.chat.cluster;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.chat.conversation.ClusterUnavailableException;
import io.socketflows.chat.conversation.Conversation;
import io.socketflows.chat.conversation.ConversationDirectory;
import io.socketflows.chat.conversation.ConversationNotFoundException;
import io.socketflows.chat.conversation.ConversationView;
import io.socketflows.chat.conversation.Conversations;

import org.springframework.dao.DataAccessException;
import org.springframework.integration.handler.ReplyRequiredException;

/**
 * Every pod's conversations ({@code sockets.chat.cluster=redis}): this pod's from memory, the others' from the
 * registry, answers and ends for those carried to their pod through the {@link PodGateway}. While Redis cannot be
 * reached the list falls back to this pod's conversations.
 */
final class ClusterConversations implements ConversationDirectory {

	/** How long an operator's request waits for the pod that holds the client. */
	static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(5);

	private final Conversations local;

	private final ClusterRegistry registry;

	private final ClusterPod pod;

	private final PodGateway pods;

	private final ChatClusterHealth health;

	private final Counter routedAnswers;

	private final Counter routedEnds;

	private final Counter unreachable;

	private final Counter unanswered;

	ClusterConversations(Conversations local, ClusterRegistry registry, ClusterPod pod, PodGateway pods,
			ChatClusterHealth health, MeterRegistry meters) {
		this.local = local;
		this.registry = registry;
		this.pod = pod;
		this.pods = pods;
		this.health = health;
		this.routedAnswers = routed("answer", meters);
		this.routedEnds = routed("end", meters);
		this.unreachable = failures("unreachable", meters);
		this.unanswered = failures("timeout", meters);
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

	@Override
	public List<ConversationView> list() {
		Map<Long, ConversationView> all = new LinkedHashMap<>();
		try {
			this.registry.list().forEach((entry) -> all.put(entry.id(), entry.view()));
		}
		catch (DataAccessException ex) {
			this.health.down(ex.getMessage());
		}
		// This pod's own are the freshest, and those numbered during an outage are only here.
		this.local.list().forEach((conversation) -> all.put(conversation.id(), ConversationView.of(conversation)));
		return all.values().stream().sorted(Comparator.comparingLong(ConversationView::id)).toList();
	}

	@Override
	public Optional<ConversationView> find(long id) {
		Optional<Conversation> mine = this.local.find(id);
		if (mine.isPresent()) {
			return mine.map(ConversationView::of);
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
		if (entry.pod().equals(this.pod.id()) || send(type, entry, text) == ClusterMessage.Outcome.ENDED) {
			// Closed between the registry's answer and now.
			throw ended(id);
		}
	}

	/**
	 * Carries an answer or an end to the pod that holds the conversation and waits for what it did.
	 * @throws ClusterUnavailableException when Redis cannot be reached or the pod does not answer in time
	 */
	private ClusterMessage.Outcome send(ClusterMessage.Type type, ClusterEntry entry, String text) {
		ClusterMessage command = ClusterMessage.command(type, this.pod.id(), entry.id(),
				UUID.randomUUID().toString(), text);
		try {
			ClusterMessage.Outcome outcome = this.pods.send(command, entry.pod());
			((type == ClusterMessage.Type.END) ? this.routedEnds : this.routedAnswers).increment();
			return outcome;
		}
		catch (RuntimeException ex) {
			if (noAnswer(ex)) {
				this.unanswered.increment();
				throw new ClusterUnavailableException("Pod " + entry.pod() + ", which holds conversation #"
						+ entry.id() + ", did not answer within " + ROUTE_TIMEOUT.toSeconds() + "s");
			}
			if (Thread.currentThread().isInterrupted()) {
				throw new ClusterUnavailableException("Interrupted while routing to pod " + entry.pod());
			}
			this.unreachable.increment();
			String reason = ChatClusterHealth.reason(ex);
			this.health.down(reason);
			throw new ClusterUnavailableException("Redis cannot be reached: " + reason);
		}
	}

	/** The barrier let the request go without an outcome: nothing came back in time. */
	private static boolean noAnswer(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ReplyRequiredException) {
				return true;
			}
		}
		return false;
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
