package io.socketflows.ack;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.Framing;
import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketServer;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.TcpServers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The ACK server: {@code client -> tcp:3001 -> tcpAckServerFlow -> "ACK from TCP Server", close}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.ACK)
class AckServerConfiguration {

	/** One read, as the tutorial's {@code recv(1024)}; single-use: the connection closes once the reply is written. */
	@Bean
	@SocketServer(SocketService.ACK)
	AbstractServerConnectionFactory tcpAckServer(TcpServers tcpServers, SocketsProperties sockets) {
		int request = (int) sockets.ack().bufferSize().toBytes();
		return tcpServers.server(SocketService.ACK, Framing.RAW, request, request, true);
	}

	@Bean
	AckService ackService(SocketsProperties sockets, PayloadLog payloadLog) {
		return new AckService(sockets, payloadLog);
	}

	@Bean
	IntegrationFlow tcpAckServerFlow(@SocketServer(SocketService.ACK) AbstractServerConnectionFactory tcpAckServer,
			AckService ackService) {
		return IntegrationFlow.from(Tcp.inboundGateway(tcpAckServer).id("tcpAckServerGateway"))
			.handle(byte[].class, ackService::acknowledge, (e) -> e.id("tcpAckServerActivator"))
			.get();
	}

}
