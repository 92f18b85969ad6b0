package io.socketflows.chat.cluster;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.socketflows.chat.conversation.ConversationDirectory;
import io.socketflows.chat.conversation.LocalConversations;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sockets.chat.cluster=none}, the default: the Redis starter is on the class path, yet nothing of Redis
 * starts, and the health has nothing of it (no Redis runs here).
 */
@ServerTest
class ChatWithoutClusterTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	ApplicationContext context;

	@LocalManagementPort
	int managementPort;

	@Test
	void startsNothingOfRedis() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisTemplate.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ClusterRefresh.class)).isEmpty();
		assertThat(this.context.getBean(ConversationDirectory.class)).isInstanceOf(LocalConversations.class);
	}

	@Test
	void healthIsUpWithoutARedisOrClusterComponent() throws Exception {
		HttpResponse<String> response = Http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health")));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = this.json.readTree(response.body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").has("redis")).isFalse();
		assertThat(health.get("components").has("chatCluster")).isFalse();
		assertThat(health.get("components").has("sockets")).as("the rest of the health is there").isTrue();
	}

}
