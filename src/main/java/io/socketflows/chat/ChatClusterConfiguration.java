package io.socketflows.chat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.LogLimiter;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;
import org.springframework.integration.redis.outbound.RedisPublishingMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The chat cluster ({@code sockets.chat.cluster=redis}):
 * {@code operator -> any pod -> chatClusterOutbound -> redis <pod's channel> -> chatClusterInbound -> that
 * pod's client}, with the conversations' registry and numbers in Redis. Boot's {@code spring.data.redis.*} says
 * where Redis is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.CHAT)
@ConditionalOnProperty(name = "sockets.chat.cluster", havingValue = "redis")
class ChatClusterConfiguration {

	/** How many other pods' events may wait for this pod's listener thread. */
	static final int INBOUND_QUEUE = 1024;

	private static final Logger logger = LoggerFactory.getLogger(ChatClusterConfiguration.class);

	private static final LogLimiter droppedInbound = new LogLimiter(1);

	/** Commands fail at once while the connection is down rather than queue: a pod cut off knows it at once. */
	@Bean
	LettuceClientOptionsBuilderCustomizer chatClusterClientOptions() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/** Lettuce waits up to 30 s between reconnections by default; a pod back in the cluster within 2 s. */
	@Bean
	ClientResourcesBuilderCustomizer chatClusterReconnection() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

	@Bean
	ClusterPod clusterPod(SocketsProperties sockets) {
		return ClusterPod.start(sockets.chat().clusterName());
	}

	/** The {@code chatCluster} health component (the bean's name). */
	@Bean
	ChatClusterHealth chatCluster(ClusterPod clusterPod) {
		return new ChatClusterHealth(clusterPod);
	}

	@Bean
	ClusterRegistry clusterRegistry(StringRedisTemplate redis, JsonMapper json, SocketsProperties sockets) {
		return new ClusterRegistry(redis, json, sockets.chat().clusterName(), sockets.chat().clusterExpiry());
	}

	@Bean
	ClusterIds clusterIds(ClusterRegistry clusterRegistry, ChatClusterHealth chatCluster) {
		return new ClusterIds(clusterRegistry, chatCluster::reachable);
	}

	/** Commands, outcomes and events, each with the Redis channel it goes to ({@link ClusterNode#TOPIC}). */
	@Bean
	DirectChannel chatClusterOutbound() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow chatClusterOutboundFlow(DirectChannel chatClusterOutbound, RedisConnectionFactory redis) {
		RedisPublishingMessageHandler publisher = new RedisPublishingMessageHandler(redis);
		publisher.setTopicExpression(
				new FunctionExpression<Message<?>>((message) -> message.getHeaders().get(ClusterNode.TOPIC)));
		return IntegrationFlow.from(chatClusterOutbound).handle(publisher, (e) -> e.id("chatClusterPublisher")).get();
	}

	/** What the other pods send this one: commands, outcomes, events. */
	@Bean
	DirectChannel chatClusterInbox() {
		return new DirectChannel();
	}

	/**
	 * One thread for what the other pods send: the listener container would run each message on a thread of its
	 * own, and a conversation's message could then overtake its opening.
	 */
	@Bean
	ThreadPoolTaskExecutor chatClusterListener() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("chat-cluster-in-");
		// Bounded: other pods' events beyond it are dropped (and logged); the next refresh repairs the list.
		executor.setQueueCapacity(INBOUND_QUEUE);
		executor.setRejectedExecutionHandler((task, pool) -> {
			if (droppedInbound.allow(logger::warn)) {
				logger.warn("Chat cluster: another pod's event dropped, this pod is " + INBOUND_QUEUE + " behind");
			}
		});
		// The adapter stops after the context starts closing: its last messages still need the thread.
		executor.setAcceptTasksAfterContextClose(true);
		return executor;
	}

	/** Started by the node, which retries while Redis cannot be reached: the pod starts without Redis. */
	@Bean
	RedisInboundChannelAdapter chatClusterInbound(RedisConnectionFactory redis, ClusterPod clusterPod,
			DirectChannel chatClusterInbox, ThreadPoolTaskExecutor chatClusterListener) {
		RedisInboundChannelAdapter adapter = new RedisInboundChannelAdapter(redis);
		adapter.setTaskExecutor(chatClusterListener);
		adapter.setTopics(clusterPod.topic(), clusterPod.events());
		adapter.setOutputChannel(chatClusterInbox);
		adapter.setAutoStartup(false);
		return adapter;
	}

	/**
	 * The node subscribes to the inbox itself rather than through an endpoint: an endpoint stops while the adapter
	 * still delivers during shutdown, and the other pods' last events would fail with "no subscribers".
	 */
	@Bean
	ClusterNode clusterNode(ClusterPod clusterPod, ClusterRegistry clusterRegistry, ClusterIds clusterIds,
			ChatClusterHealth chatCluster, Conversations conversations, ConversationEventStream stream,
			DirectChannel chatClusterOutbound, DirectChannel chatClusterInbox,
			RedisInboundChannelAdapter chatClusterInbound, JsonMapper json,
			SocketsProperties sockets, MeterRegistry meters) {
		ClusterNode node = new ClusterNode(clusterPod, clusterRegistry, clusterIds, chatCluster, conversations, stream,
				chatClusterOutbound, chatClusterInbound, json, sockets.chat().history(), sockets.chat().clusterExpiry(),
				meters);
		chatClusterInbox.subscribe((message) -> node.delivered((String) message.getPayload()));
		return node;
	}

	@Bean
	ConversationDirectory clusterConversations(Conversations conversations, ClusterRegistry clusterRegistry,
			ClusterNode clusterNode, ChatClusterHealth chatCluster) {
		return new ClusterConversations(conversations, clusterRegistry, clusterNode, chatCluster);
	}

}
