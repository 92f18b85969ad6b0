package io.socketflows.transport.net;

import io.socketflows.transport.ServerTransport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The {@code net} transport: Spring Integration's blocking factories and adapters, a thread per connection.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sockets.transport", havingValue = "net")
class NetTransportConfiguration {

	/**
	 * The connections' threads, one per open connection: virtual threads when
	 * {@code spring.threads.virtual.enabled} is set on Java 21+, otherwise platform threads. Boot's
	 * {@code applicationTaskExecutor} is a pool of 8 with an unbounded queue, which would hold the 9th client
	 * forever.
	 */
	@Bean
	SimpleAsyncTaskExecutor socketsTaskExecutor(Environment environment) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("sockets-");
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		return executor;
	}

	@Bean
	ServerTransport netServerTransport(SimpleAsyncTaskExecutor socketsTaskExecutor) {
		return new NetServerTransport(socketsTaskExecutor);
	}

}
