package io.socketflows.echo;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketServer;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.TcpServers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.Message;

/**
 * The echo server: {@code client -> tcp:3000 -> tcpEchoServerFlow (tcpEchoServerActivator) -> same bytes back}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.ECHO)
class EchoServerConfiguration {

	@Bean
	@SocketServer(SocketService.ECHO)
	AbstractServerConnectionFactory tcpEchoServer(TcpServers tcpServers, SocketsProperties sockets) {
		SocketsProperties.Echo echo = sockets.echo();
		return tcpServers.server(SocketService.ECHO, echo.framing(), (int) echo.bufferSize().toBytes(),
				(int) echo.maxMessageSize().toBytes(), false);
	}

	@Bean
	EchoService echoService() {
		return new EchoService();
	}

	/**
	 * Collaborating adapters, not a gateway: one message per read or frame, each echo written back on the
	 * connection it came from ({@code ip_connectionId}). The activator calls the service as a
	 * {@link MessageProcessor}: the DSL's lambda handler would find the lambda's arguments and invoke it by
	 * reflection for every message (2 % of an echo's CPU in the small-message benchmark).
	 */
	@Bean
	IntegrationFlow tcpEchoServerFlow(@SocketServer(SocketService.ECHO) AbstractServerConnectionFactory tcpEchoServer,
			EchoService echoService) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpEchoServer).id("tcpEchoServerInboundAdapter"))
			.handle(new ServiceActivatingHandler((MessageProcessor<Message<?>>) echoService::echo),
					(e) -> e.id("tcpEchoServerActivator").notPropagatedHeaders("*"))
			.handle(Tcp.outboundAdapter(tcpEchoServer), (e) -> e.id("tcpEchoServerOutboundAdapter"))
			.get();
	}

}
