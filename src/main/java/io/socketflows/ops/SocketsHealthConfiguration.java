package io.socketflows.ops;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.socketflows.support.ConnectionTracker;
import io.socketflows.support.SocketListener;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code sockets} health: one component per enabled service, UP only while its listener is bound and
 * accepting. The readiness group includes it; liveness does not.
 */
@Configuration(proxyBeanMethods = false)
class SocketsHealthConfiguration {

	@Bean
	CompositeHealthContributor sockets(List<SocketListener> listeners, ConnectionTracker tracker) {
		Map<String, SocketListener> byService = listeners.stream()
			.collect(Collectors.toMap(SocketListener::service, Function.identity()));
		return CompositeHealthContributor.fromMap(byService, (listener) -> health(listener, tracker));
	}

	private static HealthIndicator health(SocketListener listener, ConnectionTracker tracker) {
		return () -> {
			boolean listening = listener.isListening();
			Health.Builder health = listening ? Health.up() : Health.down();
			health.withDetail("protocol", listener.protocol())
				.withDetail("address", listener.address())
				.withDetail("port", listener.port());
			if ("tcp".equals(listener.protocol())) {
				health.withDetail("connections", tracker.count(listener.service()));
			}
			if (!listening) {
				health.withDetail("reason", listener.failure().orElse("not listening"));
			}
			return health.build();
		};
	}

}
