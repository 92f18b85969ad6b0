package io.socketflows.chat;

import io.socketflows.chat.cluster.ClusterIds;
import io.socketflows.chat.conversation.ConversationDirectory;
import io.socketflows.chat.conversation.Conversations;
import io.socketflows.chat.conversation.LocalConversations;
import io.socketflows.chat.operator.AutoOperator;
import io.socketflows.chat.operator.ChatOperator;
import io.socketflows.chat.operator.ConsoleOperator;
import io.socketflows.chat.operator.WebOperator;
import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.Framing;
import io.socketflows.support.SocketServer;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.TcpServers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The chat server: {@code client -> tcp:3002 -> tcpChatServerFlow -> operator}, and
 * {@code operator -> chatReplies -> tcpChatReplyFlow -> that client}, both on one connection factory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.CHAT)
class ChatServerConfiguration {

	/** The tutorial's client sends no terminator: each read is one message, as its {@code recv(2048)}. */
	@Bean
	@SocketServer(SocketService.CHAT)
	AbstractServerConnectionFactory tcpChatServer(TcpServers tcpServers, SocketsProperties sockets) {
		int message = (int) sockets.chat().bufferSize().toBytes();
		return tcpServers.server(SocketService.CHAT, Framing.RAW, message, message, false);
	}

	/** Operators' answers, each with the {@code ip_connectionId} of the client it goes to. */
	@Bean
	DirectChannel chatReplies() {
		return new DirectChannel();
	}

	@Bean
	Conversations conversations(SocketsProperties sockets,
			@SocketServer(SocketService.CHAT) AbstractServerConnectionFactory tcpChatServer, DirectChannel chatReplies,
			ApplicationEventPublisher events, ObjectProvider<ClusterIds> clusterIds) {
		ClusterIds cluster = clusterIds.getIfAvailable();
		return (cluster != null) ? new Conversations(sockets, tcpChatServer, chatReplies, events, cluster::next)
				: new Conversations(sockets, tcpChatServer, chatReplies, events);
	}

	/** What the API and the console page see: this instance's conversations, unless a cluster shares them. */
	@Bean
	@ConditionalOnProperty(name = "sockets.chat.cluster", havingValue = "none", matchIfMissing = true)
	ConversationDirectory localConversations(Conversations conversations) {
		return new LocalConversations(conversations);
	}

	/** The configured operator, else the console when there is a terminal. */
	@Bean
	ChatOperator chatOperator(SocketsProperties sockets, Conversations conversations) {
		return switch (sockets.chat().operatorOrDefault()) {
			case CONSOLE -> new ConsoleOperator(conversations, System.in, System.out);
			case AUTO -> new AutoOperator(conversations, sockets.chat().autoReply());
			case WEB -> new WebOperator();
		};
	}

	@Bean
	IntegrationFlow tcpChatServerFlow(@SocketServer(SocketService.CHAT) AbstractServerConnectionFactory tcpChatServer,
			Conversations conversations) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpChatServer).id("tcpChatServerInboundAdapter"))
			.handle(byte[].class, conversations::received, (e) -> e.id("tcpChatServerActivator"))
			.get();
	}

	@Bean
	IntegrationFlow tcpChatReplyFlow(@SocketServer(SocketService.CHAT) AbstractServerConnectionFactory tcpChatServer,
			DirectChannel chatReplies) {
		return IntegrationFlow.from(chatReplies)
			.handle(Tcp.outboundAdapter(tcpChatServer), (e) -> e.id("tcpChatReplyOutboundAdapter"))
			.get();
	}

}
