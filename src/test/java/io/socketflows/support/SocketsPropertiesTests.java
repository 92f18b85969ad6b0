package io.socketflows.support;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
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

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SocketsProperties.class)
	static class PropertiesOnly {

	}

}
