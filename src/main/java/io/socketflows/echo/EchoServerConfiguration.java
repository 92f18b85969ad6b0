package io.socketflows.echo;

import io.socketflows.support.ConnectionTracker;
import io.socketflows.support.Framing;
import io.socketflows.support.SocketsProperties;
import io.socketflows.support.TcpSocketListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The echo server: {@code client -> tcp:3000 -> tcpEchoServerFlow -> same bytes back}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sockets.echo.enabled", matchIfMissing = true)
class EchoServerConfiguration {

	/**
	 * Blocking connections on purpose: one thread reads a connection and writes each echo before the next
	 * read, so the bytes of a connection come back in order (the NIO factory hands chunks of one connection
	 * to several threads).
	 */
	@Bean
	TcpNetServerConnectionFactory tcpEchoServer(SocketsProperties sockets, TaskExecutor socketsTaskExecutor,
			ConnectionTracker tracker) {
		SocketsProperties.Echo echo = sockets.echo();
		Framing.Codec codec = echo.framing()
			.codec((int) echo.bufferSize().toBytes(), (int) echo.maxMessageSize().toBytes());
		return Tcp.netServer(echo.port())
			.localAddress(sockets.bindAddress().getHostAddress())
			.backlog(sockets.backlog())
			.serializer(codec.serializer())
			.deserializer(codec.deserializer())
			.taskExecutor(socketsTaskExecutor)
			.interceptorFactoryChain(tracker.interceptorsFor("echo", false))
			.lookupHost(false)
			.getObject();
	}

	@Bean
	TcpSocketListener echoListener(TcpNetServerConnectionFactory tcpEchoServer) {
		return new TcpSocketListener("echo", tcpEchoServer);
	}

	@Bean
	IntegrationFlow tcpEchoServerFlow(TcpNetServerConnectionFactory tcpEchoServer) {
		return IntegrationFlow.from(Tcp.inboundGateway(tcpEchoServer).id("tcpEchoServerGateway"))
			.handle(byte[].class, (payload, headers) -> payload, e -> e.id("echoActivator"))
			.get();
	}

}
