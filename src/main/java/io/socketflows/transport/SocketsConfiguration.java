package io.socketflows.transport;

import io.socketflows.support.SocketsProperties;

import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The transport's shared beans.
 */
@Configuration(proxyBeanMethods = false)
class SocketsConfiguration {

	/**
	 * One thread per open connection, as the blocking connection factories need: virtual threads when
	 * {@code spring.threads.virtual.enabled} is set on Java 21+, otherwise platform threads. Boot's
	 * {@code applicationTaskExecutor} is a pool of 8 with an unbounded queue, which would hold the 9th
	 * client forever.
	 */
	@Bean
	SimpleAsyncTaskExecutor socketsTaskExecutor(Environment environment) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("sockets-");
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		return executor;
	}

	@Bean
	TcpServers tcpServers(SocketsProperties sockets, SimpleAsyncTaskExecutor socketsTaskExecutor) {
		return new TcpServers(sockets, socketsTaskExecutor);
	}

}
