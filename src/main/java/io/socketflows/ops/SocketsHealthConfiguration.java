package io.socketflows.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.socketflows.support.SocketService;

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
	CompositeHealthContributor sockets(SocketListeners listeners) {
		Map<String, SocketListener> byService = new LinkedHashMap<>();
		listeners.all().forEach((listener) -> byService.put(listener.service().id(), listener));
		return CompositeHealthContributor.fromMap(byService, SocketsHealthConfiguration::health);
	}

	private static HealthIndicator health(SocketListener listener) {
		return () -> {
			boolean listening = listener.isListening();
			Health.Builder health = listening ? Health.up() : Health.down();
			health.withDetail("protocol", listener.service().protocol().toString())
				.withDetail("address", listener.address())
				.withDetail("port", listener.port());
			if (listener.service().protocol() == SocketService.Protocol.TCP) {
				health.withDetail("connections", listener.openConnections());
			}
			if (!listening) {
				health.withDetail("reason", listener.failure().orElse("not listening"));
			}
			return health.build();
		};
	}

}
