package io.socketflows.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class SocketsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsFollowTheTutorial() {
		this.runner.run((context) -> {
			SocketsProperties sockets = context.getBean(SocketsProperties.class);
			assertThat(sockets.bindAddress().getHostAddress()).isEqualTo("0.0.0.0");
			assertThat(sockets.backlog()).isEqualTo(4096);
			assertThat(sockets.transport()).isEqualTo(SocketsProperties.Transport.NETTY);
			assertThat(sockets.echo().port()).isEqualTo(3000);
			assertThat(sockets.echo().framing()).isEqualTo(Framing.RAW);
			assertThat(sockets.ack().port()).isEqualTo(3001);
			assertThat(sockets.ack().bufferSize()).isEqualTo(DataSize.ofBytes(1024));
			assertThat(sockets.ack().reply()).isEqualTo("ACK from TCP Server");
			assertThat(sockets.udp().port()).isEqualTo(3000);
			assertThat(sockets.udp().reply()).isEqualTo("Hello cher client UDP");
			assertThat(sockets.chat().port()).isEqualTo(3002);
			assertThat(sockets.chat().bufferSize()).isEqualTo(DataSize.ofBytes(2048));
		});
	}

	@Test
	void bindsKebabCaseFramings() {
		this.runner.withPropertyValues("sockets.echo.framing=length-header-2")
			.run((context) -> assertThat(context.getBean(SocketsProperties.class).echo().framing())
				.isEqualTo(Framing.LENGTH_HEADER_2));
	}

	@Test
	void rejectsAPortOutOfRange() {
		assertStartupFailsWith("sockets.echo.port=70000", "sockets.echo.port", "must be less than or equal to 65535");
	}

	@Test
	void rejectsAnUnknownKey() {
		assertStartupFailsWith("sockets.echo.framnig=crlf", "sockets.echo.framnig");
	}

	@Test
	void rejectsAnUnknownFraming() {
		assertStartupFailsWith("sockets.echo.framing=json", "sockets.echo.framing", "No enum constant");
	}

	@Test
	void rejectsANegativeSize() {
		assertStartupFailsWith("sockets.ack.buffer-size=-1B", "bufferSize", "must be between 1 and 16777216 bytes");
	}

	@Test
	void rejectsAnAddressThatIsNotOne() {
		assertStartupFailsWith("sockets.bind-address=not an address", "sockets.bind-address", "InetAddress");
	}

	@Test
	void bindsAddressRulesOfBothFamilies() {
		this.runner.withPropertyValues("sockets.allow=10.0.0.0/8,2001:db8::/32", "sockets.deny=10.1.2.3")
			.run((context) -> {
				SocketsProperties sockets = context.getBean(SocketsProperties.class);
				assertThat(sockets.allow()).extracting(Cidr::toString).containsExactly("10.0.0.0/8", "2001:db8::/32");
				assertThat(sockets.deny()).extracting(Cidr::toString).containsExactly("10.1.2.3/32");
			});
	}

	@Test
	void rejectsAnAddressRuleThatIsNotABlock() {
		assertStartupFailsWith("sockets.deny=10.0.0.0/33", "sockets.deny", "the prefix must be 0-32");
		assertStartupFailsWith("sockets.allow=example.com", "sockets.allow", "is not an IPv4 or IPv6 address");
	}

	@Test
	void limitsEachServiceByDefault() {
		this.runner.run((context) -> {
			SocketsProperties sockets = context.getBean(SocketsProperties.class);
			assertThat(sockets.echo().maxConnections()).isEqualTo(16384);
			assertThat(sockets.chat().maxConnectionsPerSource()).isZero();
			assertThat(sockets.echo().idleTimeout()).hasMinutes(5);
			assertThat(sockets.ack().idleTimeout()).hasSeconds(10);
			assertThat(sockets.chat().idleTimeout()).hasMinutes(30);
			assertThat(sockets.udp().amplification().enabled()).isTrue();
			assertThat(sockets.udp().amplification().ratio()).isEqualTo(1.0);
			assertThat(sockets.udp().amplification().burst()).isEqualTo(DataSize.ofKilobytes(4));
			assertThat(sockets.udp().rateLimit().perSource()).as("the replies/s cap is the operator's choice").isZero();
			assertThat(sockets.udp().rateLimit().burst()).isEqualTo(200);
		});
	}

	@Test
	void chatDefaultsToOneInstanceInMemory() {
		this.runner.run((context) -> {
			SocketsProperties.Chat chat = context.getBean(SocketsProperties.class).chat();
			assertThat(chat.cluster()).isEqualTo(SocketsProperties.Cluster.NONE);
			assertThat(chat.clusterName()).isEqualTo("socket-flows");
			assertThat(chat.clusterExpiry()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void bindsAChatClusterOnRedis() {
		this.runner.withPropertyValues("sockets.chat.cluster=redis", "sockets.chat.cluster-expiry=9s")
			.run((context) -> {
				SocketsProperties.Chat chat = context.getBean(SocketsProperties.class).chat();
				assertThat(chat.cluster()).isEqualTo(SocketsProperties.Cluster.REDIS);
				assertThat(chat.clusterExpiry()).isEqualTo(Duration.ofSeconds(9));
			});
	}

	@Test
	void rejectsAnUnknownChatClusterAnExpiryUnderASecondAndABlankName() {
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
