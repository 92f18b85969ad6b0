package io.socketflows.ops;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
/**
 * {@code /actuator/connections} listing a real connection and closing it.
 */
@ServerTest
class ConnectionsEndpointTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	MeterRegistry meters;

	@LocalManagementPort
	int managementPort;

	@Test
	void listsAnOpenConnectionAndClosesIt() throws Exception {
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpEchoServer))) {
			socket.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
			assertThat(socket.getInputStream().readNBytes(3)).hasSize(3);

			JsonNode mine = await().atMost(Listeners.TIMEOUT).until(() -> connectionFrom(socket.getLocalPort()),
					(node) -> node != null);
			assertThat(mine.get("service").asString()).isEqualTo("echo");
			assertThat(mine.get("remoteAddress").asString()).isEqualTo("127.0.0.1");
			assertThat(mine.get("bytesIn").asLong()).isEqualTo(3);
			assertThat(mine.get("bytesOut").asLong()).isEqualTo(3);

			double closed = this.meters.counter("sockets.connections.closed", "service", "echo").count();
			String id = mine.get("id").asString();
			HttpResponse<String> deleted = Http.send(Http.asOperator(HttpRequest.newBuilder(management("/actuator/connections/" + id)))
				.DELETE());
			assertThat(deleted.statusCode()).isEqualTo(204);
			assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).untilAsserted(() -> assertThat(
					this.meters.counter("sockets.connections.closed", "service", "echo").count()).isEqualTo(closed + 1));
			// Closing it ourselves is no error.
			assertThat(this.meters.find("sockets.errors").tag("service", "echo").counters()).isEmpty();
			assertThat(Http.send(Http.asOperator(HttpRequest.newBuilder(management("/actuator/connections/" + id))).DELETE())
				.statusCode())
				.isEqualTo(404);
		}
	}

	private JsonNode connectionFrom(int clientPort) throws Exception {
		for (JsonNode connection : this.json.readTree(Http.send(Http.asOperator(HttpRequest.newBuilder(management("/actuator/connections"))))
			.body())) {
			if (connection.get("remotePort").asInt() == clientPort) {
				return connection;
			}
		}
		return null;
	}

	private URI management(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

}
