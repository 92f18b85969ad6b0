package io.socketflows.transport;

import io.socketflows.support.SocketsProperties;
import io.socketflows.support.ThreadLocalIdGenerator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The transport's shared beans: the address rules and the servers' builders; the {@link ServerTransport} they build
 * on comes from the configuration of the transport {@code sockets.transport} names.
 */
@Configuration(proxyBeanMethods = false)
class SocketsConfiguration {

	/** Picked up by Spring Integration's {@code IdGeneratorConfigurer} for every message of the application. */
	@Bean
	ThreadLocalIdGenerator messageIdGenerator() {
		return new ThreadLocalIdGenerator();
	}

	/** {@code sockets.allow} and {@code sockets.deny}, for every service. */
	@Bean
	AddressRules addressRules(SocketsProperties sockets) {
		return new AddressRules(sockets.allow(), sockets.deny());
	}

	@Bean
	TcpServers tcpServers(SocketsProperties sockets, ServerTransport transport, AddressRules addressRules,
			ObjectProvider<SslBundles> sslBundles) {
		return new TcpServers(sockets, transport, addressRules, sslBundles);
	}

	@Bean
	UdpServers udpServers(SocketsProperties sockets, ServerTransport transport, AddressRules addressRules) {
		return new UdpServers(sockets, transport, addressRules);
	}

}
