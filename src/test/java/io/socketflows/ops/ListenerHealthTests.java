package io.socketflows.ops;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Health over real HTTP: UP while listening, DOWN with the reason when a port is taken or a listener stops.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerHealthTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyListenerIsUpWithItsPortAndTheAppIsReady() throws Exception {
		try (RunningApp app = RunningApp.start()) {
			int echoPort = Listeners.port(app.bean("tcpEchoServer", AbstractServerConnectionFactory.class));
			JsonNode sockets = health(app, "/actuator/health").at("/components/sockets");
			assertThat(sockets.get("status").asString()).isEqualTo("UP");
			assertThat(sockets.get("components").propertyNames()).containsExactlyInAnyOrder("echo", "ack", "udp", "chat");
			assertThat(sockets.at("/components/echo/details/port").asInt()).isEqualTo(echoPort);
			assertThat(sockets.at("/components/udp/details/protocol").asString()).isEqualTo("udp");
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(health(app, "/actuator/health/readiness").at("/components/sockets/status").asString())
				.isEqualTo("UP");
			assertThat(health(app, "/actuator/health/liveness").has("components")).isFalse();
		}
	}

	@Test
	void aListenerThatStopsIsDownAndTheAppNotReadyButAlive() throws Exception {
		try (RunningApp app = RunningApp.start()) {
			AbstractServerConnectionFactory echo = app.bean("tcpEchoServer", AbstractServerConnectionFactory.class);
			Listeners.port(echo);
			echo.stop();
			await().atMost(Listeners.TIMEOUT)
				.until(() -> app.management("/actuator/health/readiness").statusCode() == 503);
			JsonNode sockets = health(app, "/actuator/health").at("/components/sockets");
			assertThat(sockets.at("/components/echo/status").asString()).isEqualTo("DOWN");
			assertThat(sockets.at("/components/ack/status").asString()).isEqualTo("UP");
			assertThat(app.management("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void takenPortsAreDownWithTheReasonWhenFailFastIsOff() throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket tcpTaken = new ServerSocket(0, 1, loopback);
				DatagramSocket udpTaken = new DatagramSocket(0, loopback);
				RunningApp app = RunningApp.start("--sockets.fail-fast=false", "--sockets.bind-address=127.0.0.1",
						"--sockets.echo.port=" + tcpTaken.getLocalPort(), "--sockets.udp.port=" + udpTaken.getLocalPort())) {
			JsonNode sockets = health(app, "/actuator/health").at("/components/sockets");
			assertThat(sockets.at("/components/echo/status").asString()).isEqualTo("DOWN");
			assertThat(sockets.at("/components/echo/details/reason").asString()).contains("Address already in use");
			assertThat(sockets.at("/components/udp/status").asString()).isEqualTo("DOWN");
			assertThat(sockets.at("/components/udp/details/reason").asString()).contains("Address already in use");
			assertThat(sockets.at("/components/ack/status").asString()).isEqualTo("UP");
			assertThat(app.management("/actuator/health/readiness").statusCode()).isEqualTo(503);
		}
	}

	@Test
	void startUpFailsNamingTheServiceAndPortWhenFailFastIsOn(CapturedOutput output) throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
			String expected = "echo could not listen on tcp 127.0.0.1:" + taken.getLocalPort() + ": "
					+ "java.net.BindException: Address already in use";
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> RunningApp.start("--sockets.bind-address=127.0.0.1",
						"--sockets.echo.port=" + taken.getLocalPort()))
				.satisfies((ex) -> assertThat(ex).rootCause().hasMessageContaining(expected));
			// Boot's failure report: the one line, and what to do, instead of a stack trace.
			assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains(expected)
				.contains("sockets.fail-fast=false")
				.doesNotContain("Error on ServerSocket")
				.doesNotContain("\tat java.base/sun.nio.ch.Net.bind");
		}
	}

	@Test
	void startUpFailsNamingEveryTakenPortAtOnce(CapturedOutput output) throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket echoTaken = new ServerSocket(0, 1, loopback);
				ServerSocket chatTaken = new ServerSocket(0, 1, loopback);
				DatagramSocket udpTaken = new DatagramSocket(0, loopback)) {
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> RunningApp.start("--sockets.bind-address=127.0.0.1",
						"--sockets.echo.port=" + echoTaken.getLocalPort(),
						"--sockets.chat.port=" + chatTaken.getLocalPort(),
						"--sockets.udp.port=" + udpTaken.getLocalPort()));
			assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
				.contains("echo could not listen on tcp 127.0.0.1:" + echoTaken.getLocalPort() + ": ")
				.contains("udp could not listen on udp 127.0.0.1:" + udpTaken.getLocalPort() + ": ")
				.contains("chat could not listen on tcp 127.0.0.1:" + chatTaken.getLocalPort() + ": ")
				.doesNotContain("ack could not listen")
				.contains("choose others with sockets.echo.port, sockets.udp.port, sockets.chat.port");
		}
	}

	@Test
	void aTakenUdpPortFailsStartUpToo() throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		try (DatagramSocket taken = new DatagramSocket(0, loopback)) {
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> RunningApp.start("--sockets.bind-address=127.0.0.1",
						"--sockets.udp.port=" + taken.getLocalPort()))
				.satisfies((ex) -> assertThat(ex).rootCause()
					.hasMessageContaining("udp could not listen on udp 127.0.0.1:" + taken.getLocalPort()));
		}
	}

	private JsonNode health(RunningApp app, String path) throws Exception {
		HttpResponse<String> response = app.management(path);
		return this.json.readTree(response.body());
	}

}
