package io.socketflows.chat.cluster;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.chat.console.ConsoleFeed;
import io.socketflows.chat.conversation.ConversationDirectory;
import io.socketflows.chat.conversation.Conversations;
import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The chat cluster ({@code sockets.chat.cluster=redis}), this pod's part: the registry of every pod's
 * conversations and their numbers in Redis, the writer, the mirror and the refresh, and the conversations the API
 * sees. The messages between pods are {@link ClusterMessagingConfiguration}'s flows. Boot's
 * {@code spring.data.redis.*} says where Redis is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.CHAT)
@ConditionalOnProperty(name = "sockets.chat.cluster", havingValue = "redis")
class ChatClusterConfiguration {

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

	@Bean
	ClusterRegistry clusterRegistry(StringRedisTemplate redis, JsonMapper json, SocketsProperties sockets) {
		return new ClusterRegistry(redis, json, sockets.chat().clusterName(), sockets.chat().clusterExpiry());
	}

	/** Where Redis is called from, apart from operators' requests: never an event loop. */
	@Bean(destroyMethod = "shutdown")
	ScheduledThreadPoolExecutor chatClusterThread() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("chat-cluster-"));
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/** The {@code chatCluster} health component (the bean's name). */
	@Bean
	ChatClusterHealth chatCluster(ClusterPod clusterPod) {
		return new ChatClusterHealth(clusterPod);
	}

	@Bean
	ClusterIds clusterIds(ClusterRegistry clusterRegistry, ChatClusterHealth chatCluster,
			ScheduledThreadPoolExecutor chatClusterThread) {
		return new ClusterIds(clusterRegistry, chatCluster::reachable, chatClusterThread);
	}

	@Bean
	RegistryWriter registryWriter(ClusterPod clusterPod, ClusterRegistry clusterRegistry, Conversations conversations,
			ChatClusterHealth chatCluster, DirectChannel chatClusterOutbound,
			ScheduledThreadPoolExecutor chatClusterThread) {
		return new RegistryWriter(clusterPod, clusterRegistry, conversations, chatCluster, chatClusterOutbound,
				chatClusterThread);
	}

	@Bean
	ClusterMirror clusterMirror(ClusterPod clusterPod, ConsoleFeed consoleFeed) {
		return new ClusterMirror(clusterPod, consoleFeed);
	}

	@Bean
	ClusterCommands clusterCommands(ClusterPod clusterPod, Conversations conversations) {
		return new ClusterCommands(clusterPod, conversations);
	}

	@Bean
	ClusterRefresh clusterRefresh(RedisInboundChannelAdapter chatClusterInbound, RegistryWriter registryWriter,
			ClusterIds clusterIds, ClusterRegistry clusterRegistry, ClusterMirror clusterMirror,
			ChatClusterHealth chatCluster, ScheduledThreadPoolExecutor chatClusterThread, SocketsProperties sockets) {
		return new ClusterRefresh(chatClusterInbound, registryWriter, clusterIds, clusterRegistry, clusterMirror,
				chatCluster, chatClusterThread, sockets.chat().clusterExpiry());
	}

	/** The gateway is lazy: chatClusterCommandFlow registers it only once the flow beans are processed. */
	@Bean
	ConversationDirectory clusterConversations(Conversations conversations, ClusterRegistry clusterRegistry,
			ClusterPod clusterPod, @Lazy PodGateway podGateway, ChatClusterHealth chatCluster, MeterRegistry meters) {
		return new ClusterConversations(conversations, clusterRegistry, clusterPod, podGateway, chatCluster, meters);
	}

}
