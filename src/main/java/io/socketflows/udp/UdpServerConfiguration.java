package io.socketflows.udp;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketServer;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.UdpServer;
import io.socketflows.transport.UdpServers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.handler.MessageProcessor;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.messaging.Message;

/**
 * The UDP server: {@code client -> udp:3000 -> udpReplyServerFlow -> reply from udp:3000 to the sender}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.UDP)
class UdpServerConfiguration {

	@Bean
	@SocketServer(SocketService.UDP)
	UdpServer udpServer(UdpServers udpServers) {
		return udpServers.server(SocketService.UDP);
	}

	@Bean
	UdpService udpService(SocketsProperties sockets, PayloadLog payloadLog) {
		return new UdpService(sockets, payloadLog);
	}

	/**
	 * Each reply leaves through the socket its datagram arrived on. The activator calls the service as a
	 * {@link MessageProcessor}, without the reflection of the DSL's lambda handler (as the echo flow does).
	 */
	@Bean
	IntegrationFlow udpReplyServerFlow(@SocketServer(SocketService.UDP) UdpServer udpServer, UdpService udpService) {
		return IntegrationFlow.from(udpServer.inbound())
			.handle(new ServiceActivatingHandler((MessageProcessor<Message<?>>) udpService::answer),
					(e) -> e.id("udpReplyServerActivator").notPropagatedHeaders("*"))
			.handle(udpServer.replies(), (e) -> e.id("udpReplyServerOutboundAdapter"))
			.get();
	}

}
