package io.socketflows.transport.netty;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.event.IpIntegrationEvent;
import org.springframework.integration.ip.tcp.serializer.TcpDeserializationExceptionEvent;

/**
 * Spring Integration and nothing else, for flows registered by each test, with the TCP events it saw; a test
 * configuration, so the application's component scan leaves it out.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableIntegration
class TransportTestConfiguration {

	@Bean
	Events events() {
		return new Events();
	}

	/** Every IP and deserialization event, in order. */
	static final class Events implements ApplicationListener<ApplicationEvent> {

		final Queue<ApplicationEvent> seen = new ConcurrentLinkedQueue<>();

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof IpIntegrationEvent || event instanceof TcpDeserializationExceptionEvent) {
				this.seen.add(event);
			}
		}

		<T> java.util.List<T> of(Class<T> type) {
			return this.seen.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
