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

	/** Each reply leaves through the socket its datagram arrived on. */
	@Bean
	IntegrationFlow udpReplyServerFlow(@SocketServer(SocketService.UDP) UdpServer udpServer, UdpService udpService) {
		return IntegrationFlow.from(udpServer.inbound())
			.handle(byte[].class, udpService::answer, (e) -> e.id("udpReplyServerActivator").notPropagatedHeaders("*"))
			.handle(udpServer.replies(), (e) -> e.id("udpReplyServerOutboundAdapter"))
			.get();
	}

}
