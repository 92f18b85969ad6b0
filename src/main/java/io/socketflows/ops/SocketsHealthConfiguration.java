package io.socketflows.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

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
	CompositeHealthContributor sockets(SocketListeners listeners, SocketsProperties sockets) {
		Map<String, SocketListener> byService = new LinkedHashMap<>();
		listeners.all().forEach((listener) -> byService.put(listener.service().id(), listener));
		return CompositeHealthContributor.fromMap(byService, (listener) -> health(listener, sockets));
	}

	/** A listener at its limit is still UP (it serves those it holds): the details show how close it is. */
	private static HealthIndicator health(SocketListener listener, SocketsProperties sockets) {
		return () -> {
			boolean listening = listener.isListening();
			Health.Builder health = listening ? Health.up() : Health.down();
			health.withDetail("protocol", listener.service().protocol().toString())
				.withDetail("address", listener.address())
				.withDetail("port", listener.port());
			if (listener.service().protocol() == SocketService.Protocol.TCP) {
				SocketsProperties.TcpLimits limits = sockets.limits(listener.service());
				health.withDetail("connections", listener.openConnections())
					.withDetail("maxConnections", limits.maxConnections())
					.withDetail("maxConnectionsPerSource", limits.maxConnectionsPerSource())
					.withDetail("idleTimeout", limits.idleTimeout().toString());
			}
			else {
				SocketsProperties.Udp.Amplification amplification = sockets.udp().amplification();
				health.withDetail("amplificationRatio", amplification.enabled() ? amplification.ratio() : "off")
					.withDetail("amplificationBurst", amplification.burst().toString())
					.withDetail("rateLimitPerSource", sockets.udp().rateLimit().perSource())
					.withDetail("rateLimitBurst", sockets.udp().rateLimit().burst());
			}
			if (!listening) {
				health.withDetail("reason", listener.failure().orElse("not listening"));
			}
			return health.build();
		};
	}

}
