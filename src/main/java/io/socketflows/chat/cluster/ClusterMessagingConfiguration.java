package io.socketflows.chat.cluster;

import java.time.Duration;
import java.util.function.Consumer;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.LogLimiter;
import io.socketflows.support.SocketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.aggregator.BarrierMessageHandler;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;
import org.springframework.integration.redis.outbound.RedisPublishingMessageHandler;
import org.springframework.integration.support.json.JacksonJsonObjectMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The chat cluster's messages between pods, over Redis pub/sub, as flows. An operator on pod B answers a client of
 * pod A:
 * <pre>
 * B  API -> ClusterConversations -> podGateway -> chatClusterCommandFlow -> chatClusterOutbound
 *        -> redis &lt;cluster&gt;:chat:pod:&lt;A&gt;            (the API's thread then waits at chatClusterOutcomes)
 * A  redis -> chatClusterInboundFlow -> ANSWER -> ClusterCommands -> chatReplies -> the client
 *                                   -> OUTCOME -> chatClusterOutbound -> redis &lt;cluster&gt;:chat:pod:&lt;B&gt;
 * B  redis -> chatClusterInboundFlow -> OUTCOME -> chatClusterOutcomes: the API's thread goes on (204)
 * </pre>
 * What happens in each pod's conversations reaches every other pod's console page:
 * {@code RegistryWriter -> chatClusterOutbound -> redis <cluster>:chat:events -> chatClusterInboundFlow -> ClusterMirror}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnService(SocketService.CHAT)
@ConditionalOnProperty(name = "sockets.chat.cluster", havingValue = "redis")
class ClusterMessagingConfiguration {

	/** The message header that names the pod a command or an outcome goes to; without it, to every pod. */
	static final String TO = "chat_cluster_to";

	/** How many other pods' messages may wait for this pod's listener thread. */
	static final int INBOUND_QUEUE = 1024;

	/** The asking thread is at the barrier as soon as its command left: an outcome that finds none is late. */
	private static final Duration LATE_OUTCOME = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(ClusterMessagingConfiguration.class);

	private static final LogLimiter droppedInbound = new LogLimiter(1);

	private static final LogLimiter failedInbound = new LogLimiter(10);

	/** Commands, outcomes and events, to the pod named by the {@link #TO} header or to every pod. */
	@Bean
	DirectChannel chatClusterOutbound() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow chatClusterOutboundFlow(DirectChannel chatClusterOutbound, RedisConnectionFactory redis,
			ClusterPod clusterPod, JsonMapper json) {
		RedisPublishingMessageHandler publisher = new RedisPublishingMessageHandler(redis);
		publisher.setTopicExpression(new FunctionExpression<Message<?>>((message) -> {
			String to = message.getHeaders().get(TO, String.class);
			return (to != null) ? clusterPod.topic(to) : clusterPod.events();
		}));
		return IntegrationFlow.from(chatClusterOutbound)
			.transform(Transformers.toJson(new JacksonJsonObjectMapper(json)))
			.handle(publisher, (e) -> e.id("chatClusterPublisher"))
			.get();
	}

	/**
	 * An operator's answer or end for another pod's client: published to that pod's channel, then the asking
	 * thread waits at the barrier until the outcome releases it (or {@link ClusterConversations#ROUTE_TIMEOUT}).
	 */
	@Bean
	IntegrationFlow chatClusterCommandFlow(DirectChannel chatClusterOutbound, BarrierMessageHandler chatClusterOutcomes) {
		return IntegrationFlow.from(PodGateway.class, (gateway) -> gateway.beanName("podGateway"))
			.publishSubscribeChannel((command) -> command.subscribe((publish) -> publish.channel(chatClusterOutbound)))
			.handle(chatClusterOutcomes, (e) -> e.id("chatClusterOutcomeBarrier"))
			.get();
	}

	/** Pairs a command with its outcome by their correlation; the reply is the outcome. */
	@Bean
	BarrierMessageHandler chatClusterOutcomes() {
		BarrierMessageHandler barrier = new BarrierMessageHandler(ClusterConversations.ROUTE_TIMEOUT.toMillis(),
				LATE_OUTCOME.toMillis(),
				(group) -> group.getMessages()
					.stream()
					.map((message) -> (ClusterMessage) message.getPayload())
					.filter((message) -> message.type() == ClusterMessage.Type.OUTCOME)
					.findFirst()
					.map(ClusterMessage::outcome)
					.orElse(null),
				(message) -> ((ClusterMessage) message.getPayload()).correlation());
		// No outcome in time: a ReplyRequiredException for the asking thread rather than a null.
		barrier.setRequiresReply(true);
		return barrier;
	}

	/**
	 * What the other pods send this one: JSON -> a message -> not this pod's own (it hears its own events) -> by
	 * type: commands carried out and answered, outcomes to the barrier, events to the mirror.
	 */
	@Bean
	IntegrationFlow chatClusterInboundFlow(RedisInboundChannelAdapter chatClusterInbound, ClusterPod clusterPod,
			JsonMapper json, ClusterCommands clusterCommands, BarrierMessageHandler chatClusterOutcomes,
			ClusterMirror clusterMirror, DirectChannel chatClusterOutbound) {
		return IntegrationFlow.from(chatClusterInbound)
			.transform(Transformers.fromJson(ClusterMessage.class, new JacksonJsonObjectMapper(json)))
			.filter(ClusterMessage.class, (message) -> !message.pod().equals(clusterPod.id()),
					(e) -> e.id("chatClusterOwnEventsFilter").discardChannel("nullChannel"))
			.<ClusterMessage, ClusterMessage.Type>route(ClusterMessage::type, (byType) -> byType
				.id("chatClusterTypeRouter")
				.subFlowMapping(ClusterMessage.Type.ANSWER, (answer) -> answer
					.handle(ClusterMessage.class, (command, headers) -> clusterCommands.carryOut(command))
					.channel(chatClusterOutbound))
				.subFlowMapping(ClusterMessage.Type.END, (end) -> end
					.handle(ClusterMessage.class, (command, headers) -> clusterCommands.carryOut(command))
					.channel(chatClusterOutbound))
				.subFlowMapping(ClusterMessage.Type.OUTCOME, (outcome) -> outcome
					.handle((MessageHandler) chatClusterOutcomes::trigger))
				.subFlowMapping(ClusterMessage.Type.OPENED, (opened) -> opened
					.handle(ClusterMessage.class, oneWay(clusterMirror::opened)))
				.subFlowMapping(ClusterMessage.Type.MESSAGE, (message) -> message
					.handle(ClusterMessage.class, oneWay(clusterMirror::message)))
				.subFlowMapping(ClusterMessage.Type.REPLY, (reply) -> reply
					.handle(ClusterMessage.class, oneWay(clusterMirror::message)))
				.subFlowMapping(ClusterMessage.Type.CLOSED, (closed) -> closed
					.handle(ClusterMessage.class, oneWay(clusterMirror::closed))))
			.get();
	}

	/** Subscribed to this pod's channel and to the events channel; started by the refresh, which retries. */
	@Bean
	RedisInboundChannelAdapter chatClusterInbound(RedisConnectionFactory redis, ClusterPod clusterPod,
			ThreadPoolTaskExecutor chatClusterListener) {
		RedisInboundChannelAdapter adapter = new RedisInboundChannelAdapter(redis);
		adapter.setTaskExecutor(chatClusterListener);
		adapter.setTopics(clusterPod.topic(), clusterPod.events());
		adapter.setErrorChannelName("chatClusterInboundErrors");
		adapter.setAutoStartup(false);
		return adapter;
	}

	/** An unreadable message, or an outcome that could not be sent back: logged, the next ones go on. */
	@Bean
	IntegrationFlow chatClusterInboundErrorFlow() {
		return IntegrationFlow.from("chatClusterInboundErrors")
			.handle(Throwable.class, oneWay((failure) -> {
				failedInbound.warn(logger, "Chat cluster: a message from another pod dropped: {}",
						ChatClusterHealth.reason(failure));
			}))
			.get();
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
			droppedInbound.warn(logger, "Chat cluster: another pod's event dropped, this pod is {} behind", INBOUND_QUEUE);
		});
		// The adapter stops after the context starts closing: its last messages still need the thread.
		executor.setAcceptTasksAfterContextClose(true);
		return executor;
	}

	/** A step that ends its flow: nothing goes on after it. */
	private static <P> GenericHandler<P> oneWay(Consumer<P> step) {
		return (payload, headers) -> {
			step.accept(payload);
			return null;
		};
	}

}
