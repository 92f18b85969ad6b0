package io.socketflows.chat.cluster;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code chatCluster} health: UP while this pod's last exchange with Redis succeeded, DOWN with the reason
 * otherwise. Not part of readiness: a pod cut from Redis still serves its own clients.
 */
final class ChatClusterHealth implements HealthIndicator {

	private final ClusterPod pod;

	private volatile @Nullable String failure;

	private volatile @Nullable Instant checkedAt;

	private volatile int conversations;

	ChatClusterHealth(ClusterPod pod) {
		this.pod = pod;
	}

	void up(int conversations) {
		this.conversations = conversations;
		this.failure = null;
		this.checkedAt = Instant.now();
	}

	void down(String reason) {
		this.failure = reason;
		this.checkedAt = Instant.now();
	}

	/** @return whether Redis answered last time: not worth asking on an event loop otherwise */
	boolean reachable() {
		return this.failure == null;
	}

	/** @return the root cause of a failure, as a health reason or a log line says it */
	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public Health health() {
		Instant checked = this.checkedAt;
		String reason = this.failure;
		Health.Builder health = (checked == null) ? Health.unknown() : (reason == null) ? Health.up() : Health.down();
		health.withDetail("pod", this.pod.id()).withDetail("cluster", this.pod.cluster());
		if (checked != null) {
			health.withDetail("checkedAt", checked.toString());
		}
		if (reason != null) {
			health.withDetail("reason", reason);
		}
		else if (checked != null) {
			health.withDetail("conversations", this.conversations);
		}
		return health.build();
	}

}
