package io.socketflows.chat.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.endpoint.MessageProducerSupport;

/**
 * The refresh tick, on the cluster's thread every third of the expiry: joins the cluster (subscribes) while Redis
 * could not be reached, refreshes this pod's entries before they expire, takes conversation numbers ahead, and
 * brings the mirror of the other pods in line with the registry. Stopping takes this pod's entries out.
 */
final class ClusterRefresh implements SmartLifecycle {

	/** How long the pod waits, as it stops, for its entries to leave the registry. */
	private static final Duration CLEAN_UP_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ClusterRefresh.class);

	private final MessageProducerSupport inbound;

	private final RegistryWriter writer;

	private final ClusterIds ids;

	private final ClusterRegistry registry;

	private final ClusterMirror mirror;

	private final ChatClusterHealth health;

	private final ScheduledExecutorService thread;

	private final Duration every;

	private volatile @Nullable ScheduledFuture<?> ticks;

	/**
	 * @param inbound the other pods' messages, started here: the pod starts without Redis
	 * @param thread the cluster's thread, shut down here
	 * @param expiry how long an entry lives unless refreshed
	 */
	ClusterRefresh(MessageProducerSupport inbound, RegistryWriter writer, ClusterIds ids, ClusterRegistry registry,
			ClusterMirror mirror, ChatClusterHealth health, ScheduledExecutorService thread, Duration expiry) {
		this.inbound = inbound;
		this.writer = writer;
		this.ids = ids;
		this.registry = registry;
		this.mirror = mirror;
		this.health = health;
		this.thread = thread;
		this.every = expiry.dividedBy(3);
	}

	private void tick() {
		try {
			if (!this.inbound.isRunning()) {
				this.inbound.start();
			}
			int mine = this.writer.saveAll();
			this.ids.refill();
			Instant listedAt = Instant.now();
			this.mirror.sync(this.registry.list(), listedAt);
			this.health.up(mine);
		}
		catch (RuntimeException ex) {
			String reason = ChatClusterHealth.reason(ex);
			if (this.health.reachable()) {
				logger.warn("Chat cluster: Redis cannot be reached, serving this pod's conversations only: {}", reason);
			}
			this.health.down(reason);
		}
	}

	@Override
	public void start() {
		this.ticks = this.thread.scheduleWithFixedDelay(this::tick, 0, this.every.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** After the drain: what is left of this pod's conversations leaves the registry, then the thread stops. */
	@Override
	public void stop() {
		ScheduledFuture<?> running = this.ticks;
		this.ticks = null;
		if (running != null) {
			running.cancel(false);
		}
		Future<?> removed = this.thread.submit(this.writer::removeAll);
		try {
			removed.get(CLEAN_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Chat cluster: entries left to expire in the registry: {}", ChatClusterHealth.reason(ex));
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

}
