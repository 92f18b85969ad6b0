package io.socketflows.ops;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import io.socketflows.transport.UdpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus meters after known traffic, and {@code /actuator/connections} listing and closing a real
 * connection.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class MetricsAndConnectionsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Autowired
	UdpServer udpServer;

	@Autowired
	MeterRegistry meters;

	@LocalManagementPort
	int managementPort;

	@Test
	void countsBytesMessagesAndConnectionsOfEachService() throws Exception {
		double echoBytesIn = meter("sockets_bytes_received_total", "echo");
		double echoOpened = meter("sockets_connections_opened_total", "echo");
		double ackReplies = meter("sockets_reply_time_seconds_count", "ack");
		double udpSent = meter("sockets_messages_sent_total", "udp");

		try (Socket socket = Sockets.connect(Listeners.port(this.tcpEchoServer))) {
			socket.getOutputStream().write(new byte[1000]);
			socket.shutdownOutput();
			assertThat(socket.getInputStream().readAllBytes()).hasSize(1000);
		}
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpAckServer))) {
			socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
			assertThat(socket.getInputStream().readAllBytes()).isNotEmpty();
		}
		try (DatagramSocket client = new DatagramSocket()) {
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			client.send(new DatagramPacket(new byte[10], 10, InetAddress.getByName("127.0.0.1"),
					Listeners.port(this.udpServer)));
			client.receive(new DatagramPacket(new byte[100], 100));
		}

		await().atMost(Listeners.TIMEOUT).untilAsserted(() -> {
			assertThat(meter("sockets_bytes_received_total", "echo")).isEqualTo(echoBytesIn + 1000);
			assertThat(meter("sockets_connections_opened_total", "echo")).isEqualTo(echoOpened + 1);
			assertThat(meter("sockets_reply_time_seconds_count", "ack")).isEqualTo(ackReplies + 1);
			assertThat(meter("sockets_messages_sent_total", "udp")).isEqualTo(udpSent + 1);
		});
	}

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

	@Test
	void countsAClientResetAsAConnectionErrorWithoutAStackTrace(CapturedOutput output) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", Listeners.port(this.tcpAckServer))) {
			// SO_LINGER 0: close sends a reset instead of a FIN while the server waits to read.
			socket.setSoLinger(true, 0);
		}
		await().atMost(Listeners.TIMEOUT).untilAsserted(() -> assertThat(
				this.meters.counter("sockets.errors", "service", "ack", "kind", "connection").count()).isPositive());
		assertThat(output.getOut()).doesNotContain("bad input").doesNotContain("\tat org.springframework");
	}

	@Test
	void registersNoConnectionMetersForUdp() {
		assertThat(this.meters.find("sockets.connections.opened").tag("service", "udp").counter()).isNull();
		assertThat(this.meters.find("sockets.messages.received").tag("service", "udp").counter()).isNotNull();
	}

	@Test
	void infoShowsTheBuild() throws Exception {
		assertThat(info().at("/build/artifact").asString()).isEqualTo("socket-flows");
	}

	@Test
	void infoShowsTheCommit() throws Exception {
		// git.properties is written from the checkout's .git; a source tree without one has no git section.
		assumeTrue(Files.exists(Path.of(".git")), "not a git checkout: no git information to show");
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

	private JsonNode connectionFrom(int clientPort) throws Exception {
		for (JsonNode connection : this.json.readTree(Http.send(Http.asOperator(HttpRequest.newBuilder(management("/actuator/connections"))))
			.body())) {
			if (connection.get("remotePort").asInt() == clientPort) {
				return connection;
			}
		}
		return null;
	}

	private double meter(String name, String service) throws Exception {
		String scrape = Http.send(HttpRequest.newBuilder(management("/actuator/prometheus"))).body();
		Matcher value = Pattern.compile("(?m)^" + name + "\\{service=\"" + service + "\"\\} (\\S+)$").matcher(scrape);
		assertThat(value.find()).as(name + " for " + service + " in\n" + scrape).isTrue();
		return Double.parseDouble(value.group(1));
	}

	private URI management(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

}
