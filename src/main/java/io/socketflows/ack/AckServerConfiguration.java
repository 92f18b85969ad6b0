package io.socketflows.ack;

import io.socketflows.support.ConnectionTracker;
import io.socketflows.support.SingleReadDeserializer;
import io.socketflows.support.SocketsProperties;
import io.socketflows.support.TcpSocketListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The ACK server: {@code client -> tcp:3001 -> tcpAckServerFlow -> "ACK from TCP Server", close}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sockets.ack.enabled", matchIfMissing = true)
class AckServerConfiguration {

	/** Single-use: a server connection factory closes each connection once its reply is written. */
	@Bean
	TcpNetServerConnectionFactory tcpAckServer(SocketsProperties sockets, TaskExecutor socketsTaskExecutor,
			ConnectionTracker tracker) {
		return Tcp.netServer(sockets.ack().port())
			.localAddress(sockets.bindAddress().getHostAddress())
			.backlog(sockets.backlog())
			.deserializer(new SingleReadDeserializer((int) sockets.ack().bufferSize().toBytes()))
			.serializer(TcpCodecs.raw())
			.singleUseConnections(true)
			.taskExecutor(socketsTaskExecutor)
			.interceptorFactoryChain(tracker.interceptorsFor("ack", true))
			.lookupHost(false)
			.getObject();
	}

	@Bean
	TcpSocketListener ackListener(TcpNetServerConnectionFactory tcpAckServer) {
		return new TcpSocketListener("ack", tcpAckServer);
	}

	@Bean
	IntegrationFlow tcpAckServerFlow(TcpNetServerConnectionFactory tcpAckServer, AckService ackService) {
		return IntegrationFlow.from(Tcp.inboundGateway(tcpAckServer).id("tcpAckServerGateway"))
			.handle(byte[].class, ackService::acknowledge, e -> e.id("ackActivator"))
			.get();
	}

}
