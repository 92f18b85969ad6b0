package io.socketflows.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sockets.chat.cluster*}: one instance by default, a wrong value stops start-up naming the property.
 */
class ChatClusterPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsToOneInstanceInMemory() {
		this.runner.run((context) -> {
			SocketsProperties.Chat chat = context.getBean(SocketsProperties.class).chat();
			assertThat(chat.cluster()).isEqualTo(SocketsProperties.Cluster.NONE);
			assertThat(chat.clusterName()).isEqualTo("socket-flows");
			assertThat(chat.clusterExpiry()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void bindsRedis() {
		this.runner.withPropertyValues("sockets.chat.cluster=redis", "sockets.chat.cluster-expiry=9s")
			.run((context) -> {
				SocketsProperties.Chat chat = context.getBean(SocketsProperties.class).chat();
				assertThat(chat.cluster()).isEqualTo(SocketsProperties.Cluster.REDIS);
				assertThat(chat.clusterExpiry()).isEqualTo(Duration.ofSeconds(9));
			});
	}

	@Test
	void rejectsAnUnknownClusterAnExpiryUnderASecondAndABlankName() {
		assertStartupFailsWith("sockets.chat.cluster=zookeeper", "sockets.chat.cluster", "No enum constant");
		assertStartupFailsWith("sockets.chat.cluster-expiry=500ms", "clusterExpiry");
		assertStartupFailsWith("sockets.chat.cluster-name= ", "clusterName", "must not be blank");
	}

	private void assertStartupFailsWith(String property, String... fragments) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder causes = new StringBuilder();
			for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
				causes.append(t.getMessage()).append('\n');
			}
			assertThat(causes.toString()).contains(fragments);
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SocketsProperties.class)
	static class PropertiesOnly {

	}

}
