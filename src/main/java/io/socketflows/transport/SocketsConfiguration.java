package io.socketflows.transport;

import io.socketflows.support.SocketsProperties;
import io.socketflows.support.ThreadLocalIdGenerator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The transport's shared beans: the factories' builders, and what each transport runs on.
 */
@Configuration(proxyBeanMethods = false)
class SocketsConfiguration {

	/**
	 * The {@code net} transport's threads, one per open connection: virtual threads when
	 * {@code spring.threads.virtual.enabled} is set on Java 21+, otherwise platform threads. Boot's
	 * {@code applicationTaskExecutor} is a pool of 8 with an unbounded queue, which would hold the 9th client
	 * forever.
	 */
	@Bean
	@Lazy
	SimpleAsyncTaskExecutor socketsTaskExecutor(Environment environment) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("sockets-");
		executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		return executor;
	}

	/**
	 * The {@code netty} transport's event loops, shared by every TCP service; closed after the factories have
	 * stopped (a bean is destroyed after those that depend on it).
	 */
	@Bean(destroyMethod = "close")
	@Lazy
	NettyEventLoops nettyEventLoops() {
		return new NettyEventLoops();
	}

	/** {@code sockets.allow} and {@code sockets.deny}, for every service. */
	/** Picked up by Spring Integration's {@code IdGeneratorConfigurer} for every message of the application. */
	@Bean
	ThreadLocalIdGenerator messageIdGenerator() {
		return new ThreadLocalIdGenerator();
	}

	@Bean
	AddressRules addressRules(SocketsProperties sockets) {
		return new AddressRules(sockets.allow(), sockets.deny());
	}

	/** Only the configured transport's threads are ever created. */
	@Bean
	TcpServers tcpServers(SocketsProperties sockets, ObjectProvider<NettyEventLoops> nettyEventLoops,
			ObjectProvider<SimpleAsyncTaskExecutor> socketsTaskExecutor, AddressRules addressRules,
			ObjectProvider<SslBundles> sslBundles) {
		return new TcpServers(sockets, nettyEventLoops, socketsTaskExecutor, addressRules, sslBundles);
	}

	@Bean
	UdpServers udpServers(SocketsProperties sockets, AddressRules addressRules) {
		return new UdpServers(sockets, addressRules);
	}

}
