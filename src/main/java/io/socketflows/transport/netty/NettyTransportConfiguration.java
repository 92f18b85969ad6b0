package io.socketflows.transport.netty;

import io.socketflows.transport.ServerTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The {@code netty} transport (the default): every server on Netty's event loops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sockets.transport", havingValue = "netty", matchIfMissing = true)
class NettyTransportConfiguration {

	/**
	 * The TCP services' event loops, shared by all of them, made with the first TCP server; closed after the
	 * factories have stopped (a bean is destroyed after those that depend on it).
	 */
	@Bean(destroyMethod = "close")
	@Lazy
	NettyEventLoops nettyEventLoops() {
		return new NettyEventLoops();
	}

	@Bean
	ServerTransport nettyServerTransport(ObjectProvider<NettyEventLoops> nettyEventLoops) {
		return new NettyServerTransport(nettyEventLoops);
	}

}
