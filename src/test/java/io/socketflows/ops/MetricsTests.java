package io.socketflows.ops;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.transport.UdpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
/**
 * The {@code sockets.*} meters after known traffic, as Prometheus scrapes them.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class MetricsTests {

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
		// Spring Integration's own per-message timers stay off (application.yml): they cost the echo dearly
		// (bench/results/notes-in-code.md).
		assertThat(this.meters.find("spring.integration.send").timers()).isEmpty();
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
