package io.socketflows.helm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.socketflows.SocketFlowsApplication;
import io.socketflows.support.SocketsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application.yml the chart renders is configuration the application accepts, and starts ready with.
 */
class ChartConfigTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@ParameterizedTest(name = "values: {0}")
	@MethodSource("io.socketflows.helm.HelmChart#combinations")
	void renderedConfigurationBindsToTheApplicationsProperties(String combination) {
		Rendered rendered = HelmChart.render(combination);
		Map<String, Object> values = values(combination);

		SocketsProperties sockets = config(rendered).sockets();

		Map<String, Object> ports = section(values, "containerPorts");
		assertThat(sockets.echo().port()).isEqualTo(ports.get("echo"));
		assertThat(sockets.udp().port()).isEqualTo(ports.get("udp"));
		assertThat(sockets.ack().port()).isEqualTo(ports.get("ack"));
		assertThat(sockets.chat().port()).isEqualTo(ports.get("chat"));
		assertThat(sockets.echo().enabled()).isEqualTo(section(values, "echo").get("enabled"));
		assertThat(sockets.udp().enabled()).isEqualTo(section(values, "udp").get("enabled"));
		assertThat(sockets.chat().operator()).isEqualTo(SocketsProperties.Operator.AUTO);
	}

	@Test
	void aMisspelledPropertyFailsTheBinding() {
		Rendered rendered = HelmChart.render("", Map.of("config.sockets.chat.opertor", "auto"));

		assertThatThrownBy(() -> config(rendered).sockets()).isInstanceOf(BindException.class)
			.rootCause().hasMessageContaining("sockets.chat.opertor");
	}

	@Test
	void aValueOutOfRangeFailsTheValidation() {
		Rendered rendered = HelmChart.render("", Map.of("config.sockets.chat.history", 0));

		assertThatThrownBy(() -> config(rendered).sockets()).hasMessageContaining("chat.history");
	}

	@Test
	void anUnknownFramingFailsTheBinding() {
		Rendered rendered = HelmChart.render("", Map.of("config.sockets.echo.framing", "zigzag"));

		assertThatThrownBy(() -> config(rendered).sockets()).isInstanceOf(BindException.class)
			.hasMessageContaining("sockets.echo.framing");
	}

	@Test
	void chartConfigurationStartsTheApplicationReady(@TempDir Path configDir) throws Exception {
		Rendered rendered = HelmChart.render("");
		Files.writeString(configDir.resolve("application.yml"), rendered.applicationYaml());
		String profile = env(rendered, "SPRING_PROFILES_ACTIVE");

		// As the pod starts it (profile, additional location), on free ports instead of the fixed ones.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketFlowsApplication.class).run(
				"--spring.profiles.active=" + profile,
				"--spring.config.additional-location=file:" + configDir.toAbsolutePath() + "/",
				"--server.port=0", "--management.server.port=0", "--sockets.echo.port=0", "--sockets.udp.port=0",
				"--sockets.ack.port=0", "--sockets.chat.port=0")) {
			String management = context.getEnvironment().getProperty("local.management.port");
			assertThat(management).as("a separate management server").isNotNull();
			assertThat(context.getBean(SocketsProperties.class).chat().operator()).isEqualTo(SocketsProperties.Operator.AUTO);
			Container app = rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
			for (Probe probe : List.of(app.getStartupProbe(), app.getLivenessProbe(), app.getReadinessProbe())) {
				String url = "http://localhost:" + management + probe.getHttpGet().getPath();
				HttpResponse<String> response = get(url);
				assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
				assertThat(response.body()).contains("\"UP\"");
			}
		}
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static ApplicationConfig config(Rendered rendered) {
		return ApplicationConfig.of(rendered.applicationYaml(), env(rendered, "SPRING_PROFILES_ACTIVE"));
	}

	private static String env(Rendered rendered, String name) {
		Container app = rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
		return app.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElseThrow();
	}

	private static Map<String, Object> values(String combination) {
		Map<String, Object> defaults = HelmChart.readYaml(HelmChart.CHART.resolve("values.yaml"));
		return combination.isEmpty() ? defaults
				: HelmChart.mergeInto(defaults, HelmChart.readYaml(HelmChart.CHART.resolve("ci").resolve(combination)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(Map<String, Object> values, String key) {
		return (Map<String, Object>) values.get(key);
	}

}
