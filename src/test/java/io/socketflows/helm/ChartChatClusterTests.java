package io.socketflows.helm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.socketflows.SocketFlowsApplication;
import io.socketflows.support.SocketsProperties;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code chat.cluster.enabled}: the chart points every pod at the operator's Redis, and warns when several pods
 * run without it.
 */
class ChartChatClusterTests {

	private static final String CLUSTER = "chat-cluster-values.yaml";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Listeners.TIMEOUT).build();

	@Test
	void threeReplicasShareTheirConversationsThroughTheOperatorsRedis() {
		Rendered rendered = HelmChart.render(CLUSTER);
		assertThat(rendered.deployment().getSpec().getReplicas()).isEqualTo(3);
		ApplicationConfig config = config(rendered);
		assertThat(config.sockets().chat().cluster()).isEqualTo(SocketsProperties.Cluster.REDIS);
		assertThat(config.get("spring.data.redis.host", String.class)).isEqualTo("redis-master.data.svc.cluster.local");
		assertThat(config.get("spring.data.redis.port", Integer.class)).isEqualTo(6380);

		SecretKeySelector password = env(app(rendered), "SPRING_DATA_REDIS_PASSWORD").orElseThrow()
			.getValueFrom()
			.getSecretKeyRef();
		assertThat(password.getName()).isEqualTo("redis-auth");
		assertThat(password.getKey()).isEqualTo("redis-password");
		assertThat(rendered.applicationYaml()).doesNotContain("password");
	}

	@Test
	void withoutItThereIsNoRedisAtAll() {
		Rendered rendered = HelmChart.render("");
		assertThat(config(rendered).sockets().chat().cluster()).isEqualTo(SocketsProperties.Cluster.NONE);
		assertThat(rendered.applicationYaml()).doesNotContain("redis");
		assertThat(env(app(rendered), "SPRING_DATA_REDIS_PASSWORD")).isEmpty();
	}

	@Test
	void aPasswordlessRedisNeedsNoSecret() {
		Rendered rendered = HelmChart.render(CLUSTER, Map.of("redis.existingSecret", ""));
		assertThat(env(app(rendered), "SPRING_DATA_REDIS_PASSWORD")).isEmpty();
	}

	@Test
	void theClusterWithoutARedisHostDoesNotRender() {
		assertThatThrownBy(() -> HelmChart.render("", Map.of("chat.cluster.enabled", true)))
			.hasMessageContaining("redis.host is required when chat.cluster.enabled is true");
	}

	@Test
	void notesWarnWhenSeveralPodsRunWithoutTheCluster() {
		// all-optional-values: autoscaling, no cluster.
		assertThat(HelmChart.notes("all-optional-values.yaml"))
			.contains("WARNING: autoscaling without chat.cluster.enabled")
			.contains("(each pod has its own conversations");
		assertThat(HelmChart.notes(CLUSTER)).doesNotContain("WARNING")
			.contains("every pod lists and answers every conversation: the chat cluster on Redis "
					+ "redis-master.data.svc.cluster.local:6380");
		assertThat(HelmChart.notes("")).doesNotContain("WARNING");
	}

	@Test
	void theRenderedClusterConfigurationStartsReadyAndJoinsRedis(@TempDir Path configDir) throws Exception {
		try (RedisProcess redis = RedisProcess.start()) {
			Rendered rendered = HelmChart.render(CLUSTER,
					Map.of("redis.host", "127.0.0.1", "redis.port", redis.port(), "redis.existingSecret", ""));
			Files.writeString(configDir.resolve("application.yml"), rendered.applicationYaml());
			String profile = env(app(rendered), "SPRING_PROFILES_ACTIVE").orElseThrow().getValue();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketFlowsApplication.class).run(
					"--spring.profiles.active=" + profile,
					"--spring.config.additional-location=file:" + configDir.toAbsolutePath() + "/",
					"--server.port=0", "--management.server.port=0", "--sockets.echo.port=0", "--sockets.udp.port=0",
					"--sockets.ack.port=0", "--sockets.chat.port=0")) {
				String management = "http://localhost:" + context.getEnvironment().getProperty("local.management.port");
				assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
				await().atMost(Listeners.TIMEOUT).until(() -> "UP".equals(JsonMapper.builder()
					.build()
					.readTree(get(management + "/actuator/health").body())
					.at("/components/chatCluster/status")
					.asString()));
			}
		}
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Listeners.TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static ApplicationConfig config(Rendered rendered) {
		return ApplicationConfig.of(rendered.applicationYaml(),
				env(app(rendered), "SPRING_PROFILES_ACTIVE").orElseThrow().getValue());
	}

	private static Container app(Rendered rendered) {
		return rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private static Optional<EnvVar> env(Container container, String name) {
		return container.getEnv().stream().filter((e) -> e.getName().equals(name)).findFirst();
	}

}
