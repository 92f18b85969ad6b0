package io.socketflows.chat;

import io.socketflows.support.ConnectionTracker;
import io.socketflows.support.SingleReadDeserializer;
import io.socketflows.support.SocketsProperties;
import io.socketflows.support.TcpSocketListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The chat server: {@code client -> tcp:3002 -> tcpChatServerFlow -> operator}, and
 * {@code operator -> chatReplies -> tcpChatReplyFlow -> that client}, both on one connection factory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sockets.chat.enabled", matchIfMissing = true)
class ChatServerConfiguration {

	@Bean
	TcpNetServerConnectionFactory tcpChatServer(SocketsProperties sockets, TaskExecutor socketsTaskExecutor,
			ConnectionTracker tracker) {
		return Tcp.netServer(sockets.chat().port())
			.localAddress(sockets.bindAddress().getHostAddress())
			.backlog(sockets.backlog())
			// The tutorial's client sends no terminator: each read is one message, as its recv(2048).
			.deserializer(new SingleReadDeserializer((int) sockets.chat().bufferSize().toBytes()))
			.serializer(TcpCodecs.raw())
			.taskExecutor(socketsTaskExecutor)
			.interceptorFactoryChain(tracker.interceptorsFor("chat", true))
			.lookupHost(false)
			.getObject();
	}

	/** Operators' answers, each with the {@code ip_connectionId} of the client it goes to. */
	@Bean
	DirectChannel chatReplies() {
		return new DirectChannel();
	}

	@Bean
	TcpSocketListener chatListener(TcpNetServerConnectionFactory tcpChatServer) {
		return new TcpSocketListener("chat", tcpChatServer);
	}

	@Bean
	IntegrationFlow tcpChatServerFlow(TcpNetServerConnectionFactory tcpChatServer, Conversations conversations) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpChatServer).id("tcpChatInboundAdapter"))
			.handle(byte[].class, conversations::received, e -> e.id("chatActivator"))
			.get();
	}

	@Bean
	IntegrationFlow tcpChatReplyFlow(TcpNetServerConnectionFactory tcpChatServer, DirectChannel chatReplies) {
		return IntegrationFlow.from(chatReplies)
			.handle(Tcp.outboundAdapter(tcpChatServer), e -> e.id("tcpChatReplyAdapter"))
			.get();
	}

}
