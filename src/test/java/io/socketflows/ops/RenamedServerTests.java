package io.socketflows.ops;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.support.SocketServer;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Loopbacks;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.transport.TcpServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server side is known by its {@code @SocketServer} qualifier, not its bean name: an echo server declared by a
 * method of another name is tracked, gauged, counted and health-checked like {@code tcpEchoServer}.
 */
@ServerTest(args = { "--sockets.echo.enabled=false", "--sockets.deny=127.0.0.2" })
@Import(RenamedServerTests.EchoServerByAnotherName.class)
class RenamedServerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	@SocketServer(SocketService.ECHO)
	AbstractServerConnectionFactory echoServer;

	@Autowired
	ApplicationContext context;

	@Autowired
	MeterRegistry meters;

	@LocalManagementPort
	int managementPort;

	@Test
	void isTrackedGaugedCountedAndHealthCheckedUnderItsService() throws Exception {
		assertThat(this.context.containsBean("tcpEchoServer")).isFalse();
		assertThat(this.context.getBeanNamesForType(AbstractServerConnectionFactory.class))
			.contains("anEchoServerByAnotherName");
		int port = Listeners.port(this.echoServer);
		JsonNode echo = health().at("/components/sockets/components/echo");
		assertThat(echo.at("/status").asString()).isEqualTo("UP");
		assertThat(echo.at("/details/port").asInt()).isEqualTo(port);
		try (Socket socket = Loopbacks.connect("127.0.0.1", "127.0.0.1", port)) {
			socket.getOutputStream().write("renamed".getBytes(StandardCharsets.UTF_8));
			assertThat(socket.getInputStream().readNBytes(7)).asString(StandardCharsets.UTF_8).isEqualTo("renamed");
			await().atMost(Listeners.TIMEOUT).until(() -> active() == 1);
			assertThat(connectionsFrom(socket.getLocalPort())).as("tracked").isEqualTo(1);
			assertThat(this.meters.get("sockets.bytes.received").tag("service", "echo").counter().count())
				.isEqualTo(7);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> active() == 0);
		try (Socket denied = Loopbacks.connect("127.0.0.2", "127.0.0.1", port)) {
			assertThat(denied.getInputStream().read()).as("refused").isEqualTo(-1);
		}
		await().atMost(Listeners.TIMEOUT)
			.until(() -> this.meters.get("sockets.connections.rejected")
				.tag("service", "echo")
				.tag("reason", "denied")
				.counter()
				.count() == 1);
	}

	private double active() {
		return this.meters.get("sockets.connections.active").tag("service", "echo").gauge().value();
	}

	private long connectionsFrom(int clientPort) throws Exception {
		JsonNode connections = this.json.readTree(Http.send(Http.asOperator(HttpRequest.newBuilder(
				URI.create("http://localhost:" + this.managementPort + "/actuator/connections")))).body());
		long mine = 0;
		for (JsonNode connection : connections) {
			if (connection.get("remotePort").asInt() == clientPort
					&& "echo".equals(connection.get("service").asString())) {
				mine++;
			}
		}
		return mine;
	}

	private JsonNode health() throws IOException, InterruptedException {
		return this.json.readTree(Http.send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + this.managementPort + "/actuator/health"))).body());
	}

	/** The echo service's server and flow, as EchoServerConfiguration declares them, under other names. */
	@TestConfiguration(proxyBeanMethods = false)
	static class EchoServerByAnotherName {

		@Bean
		@SocketServer(SocketService.ECHO)
		AbstractServerConnectionFactory anEchoServerByAnotherName(TcpServers tcpServers, SocketsProperties sockets) {
			SocketsProperties.Echo echo = sockets.echo();
			return tcpServers.server(SocketService.ECHO, echo.framing(), (int) echo.bufferSize().toBytes(),
					(int) echo.maxMessageSize().toBytes(), false);
		}

		@Bean
		IntegrationFlow anEchoFlowByAnotherName(
				@SocketServer(SocketService.ECHO) AbstractServerConnectionFactory anEchoServerByAnotherName) {
			return IntegrationFlow.from(Tcp.inboundAdapter(anEchoServerByAnotherName))
				.handle(Tcp.outboundAdapter(anEchoServerByAnotherName))
				.get();
		}

	}

}
