package io.socketflows.client;

import java.util.Map;
import java.util.Properties;

import io.socketflows.support.SocketsProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A plain client's {@code sockets} tree, read without Boot's binder, is the tree Boot binds from the same system
 * properties and environment variables, defaults included.
 */
class SocketsPropertiesReaderTests {

	@Test
	void givesTheDefaultsBootBinds() {
		SocketsProperties read = SocketsPropertiesReader.read(Map.of(), new Properties());
		assertThat(read).isEqualTo(boundByBoot(Map.of(), new Properties()));
		assertThat(read.echo().port()).isEqualTo(3000);
		assertThat(read.client().host()).isEqualTo("localhost");
	}

	@Test
	void readsEnvironmentVariablesAsBootNamesThem() {
		Map<String, String> environment = Map.of("SOCKETS_ECHO_PORT", "4000", "SOCKETS_CLIENT_TIMEOUT", "1500ms",
				"SOCKETS_ECHO_MAX_MESSAGE_SIZE", "1KB", "SOCKETS_ECHO_MAXCONNECTIONS", "7", "SOCKETS_ECHO_FRAMING",
				"length-header-2", "SOCKETS_CLIENT_FAMILY", "IPv6", "SOCKETS_ALLOW", "10.0.0.0/8, ::1",
				"SOCKETS_CHAT_SSL_CLIENTAUTH", "need", "SOCKETS_LOGPAYLOADS", "true");
		SocketsProperties read = SocketsPropertiesReader.read(environment, new Properties());
		assertThat(read).isEqualTo(boundByBoot(environment, new Properties()));
		assertThat(read.echo().port()).isEqualTo(4000);
		assertThat(read.echo().maxMessageSize().toBytes()).isEqualTo(1024);
		assertThat(read.allow()).hasSize(2);
	}

	@Test
	void systemPropertiesComeBeforeEnvironmentVariables() {
		Properties system = new Properties();
		system.setProperty("sockets.echo.port", "5000");
		system.setProperty("sockets.client.host", "::1");
		Map<String, String> environment = Map.of("SOCKETS_ECHO_PORT", "4000");
		SocketsProperties read = SocketsPropertiesReader.read(environment, system);
		assertThat(read).isEqualTo(boundByBoot(environment, system));
		assertThat(read.echo().port()).isEqualTo(5000);
	}

	@Test
	void aWrongValueNamesThePropertyAndWhereItCameFrom() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SocketsPropertiesReader.read(Map.of("SOCKETS_ECHO_PORT", "port"), new Properties()))
			.withMessageStartingWith("sockets.echo.port: 'port' (from SOCKETS_ECHO_PORT) is not a valid int");
		Properties system = new Properties();
		system.setProperty("sockets.client.timeout", "soon");
		assertThatIllegalArgumentException().isThrownBy(() -> SocketsPropertiesReader.read(Map.of(), system))
			.withMessageStartingWith("sockets.client.timeout: 'soon' (from -Dsockets.client.timeout) is not a valid "
					+ "Duration");
	}

	@Test
	void tellsWhetherAPropertyIsGivenUnderEitherName() {
		Properties system = new Properties();
		assertThat(SocketsPropertiesReader.isGiven("spring.profiles.active", Map.of(), system)).isFalse();
		assertThat(SocketsPropertiesReader.isGiven("spring.profiles.active",
				Map.of("SPRING_PROFILES_ACTIVE", "ipv6"), system)).isTrue();
		assertThat(SocketsPropertiesReader.isGiven("spring.config.additional-location",
				Map.of("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:/etc/"), system)).isTrue();
		system.setProperty("spring.config.location", "file:/etc/");
		assertThat(SocketsPropertiesReader.isGiven("spring.config.location", Map.of(), system)).isTrue();
	}

	/** What the servers get: Boot's binder over the same system properties, then environment variables. */
	private static SocketsProperties boundByBoot(Map<String, String> environment, Properties system) {
		StandardEnvironment boot = new StandardEnvironment();
		MutablePropertySources sources = boot.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
				new PropertiesPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, system));
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment)));
		return Binder.get(boot).bindOrCreate("sockets", SocketsProperties.class);
	}

}
