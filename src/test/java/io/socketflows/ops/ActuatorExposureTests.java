package io.socketflows.ops;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Required;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
/**
 * What the management port shows, and to whom.
 */
@ServerTest
class ActuatorExposureTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalManagementPort
	int managementPort;

	@Test
	void infoShowsTheBuild() throws Exception {
		assertThat(info().at("/build/artifact").asString()).isEqualTo("socket-flows");
	}

	@Test
	void infoShowsTheCommit() throws Exception {
		// git.properties is written from the checkout's .git; a source tree without one has no git section.
		Required.gitCheckout();
		assertThat(info().at("/git/commit/id").asString()).isNotBlank();
	}

	private JsonNode info() throws Exception {
		return this.json.readTree(Http.send(HttpRequest.newBuilder(management("/actuator/info"))).body());
	}

	@Test
	void exposesOnlyTheOperatorsEndpoints() throws Exception {
		for (String endpoint : new String[] { "health", "info", "metrics", "prometheus", "connections" }) {
			assertThat(Http.send(Http.asOperator(HttpRequest.newBuilder(management("/actuator/" + endpoint))))
				.statusCode()).as(endpoint).isEqualTo(200);
		}
		// Not even for the operator.
		for (String endpoint : new String[] { "env", "heapdump", "beans", "shutdown" }) {
			assertThat(Http.send(Http.asOperator(HttpRequest.newBuilder(management("/actuator/" + endpoint))))
				.statusCode()).as(endpoint).isEqualTo(404);
		}
	}

	@Test
	void probesAndScrapesNeedNoCredentialsButConnectionsAndMetricsNeedTheOperator() throws Exception {
		for (String endpoint : new String[] { "health", "health/liveness", "health/readiness", "info", "prometheus" }) {
			assertThat(Http.send(HttpRequest.newBuilder(management("/actuator/" + endpoint))).statusCode())
				.as(endpoint).isEqualTo(200);
		}
		for (String endpoint : new String[] { "connections", "metrics", "env" }) {
			HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(management("/actuator/" + endpoint)));
			assertThat(refused.statusCode()).as(endpoint).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).as(endpoint)
				.hasValue("Basic realm=\"socket-flows\"");
		}
		String wrongPassword = Base64.getEncoder().encodeToString("operator:wrong".getBytes(StandardCharsets.UTF_8));
		assertThat(Http.send(HttpRequest.newBuilder(management("/actuator/connections"))
			.header("Authorization", "Basic " + wrongPassword)).statusCode()).isEqualTo(401);
		assertThat(Http.send(HttpRequest.newBuilder(management("/actuator/connections/x")).DELETE()).statusCode())
			.isEqualTo(401);
	}

	private URI management(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

}
