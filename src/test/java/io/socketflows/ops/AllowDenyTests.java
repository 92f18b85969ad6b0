package io.socketflows.ops;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Loopbacks;
import io.socketflows.testsupport.Required;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.transport.UdpServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code sockets.allow} and {@code sockets.deny} on every service, TCP and UDP: each loopback address is another
 * client ({@code 127.0.0.0/8} and {@code ::1}).
 */
@ServerTest(args = { "--sockets.allow=127.0.0.0/30,::/0", "--sockets.deny=127.0.0.2,::1/128" })
@ExtendWith(OutputCaptureExtension.class)
class AllowDenyTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	UdpServer udpServer;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void dualStack(DynamicPropertyRegistry registry) {
		Loopbacks.bindDualStack(registry);
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, true", "127.0.0.2, false", "127.0.0.5, false", "::1, false" })
	void servesOrRefusesEachTcpClientByItsAddress(String client, boolean served, CapturedOutput output)
			throws IOException {
		Required.loopback(client);
		int port = Listeners.port(this.tcpEchoServer);
		double denied = rejected();
		try (Socket socket = Loopbacks.connect(client, client, port)) {
			if (served) {
				socket.getOutputStream().write("allowed".getBytes(StandardCharsets.UTF_8));
				socket.shutdownOutput();
				assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("allowed");
			}
			else {
				assertThat(socket.getInputStream().read()).as("accepted and closed at once").isEqualTo(-1);
			}
		}
		if (!served) {
			await().atMost(Listeners.TIMEOUT).until(() -> rejected() == denied + 1);
			assertThat(output.getOut()).contains("echo: connection from ").contains("refused (denied)");
		}
		else {
			assertThat(rejected()).isEqualTo(denied);
		}
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, true", "127.0.0.2, false", "127.0.0.5, false", "::1, false" })
	void answersOrDropsEachDatagramByItsSender(String client, boolean served) throws IOException {
		Required.loopback(client);
		int port = Listeners.port(this.udpServer);
		double dropped = dropped();
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(client, 0))) {
			socket.setSoTimeout(served ? (int) Listeners.TIMEOUT.toMillis() : 500);
			socket.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress(client, port)));
			DatagramPacket reply = new DatagramPacket(new byte[100], 100);
			if (served) {
				socket.receive(reply);
				assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8))
					.isEqualTo("Hello cher client UDP");
			}
			else {
				await().atMost(Listeners.TIMEOUT).until(() -> dropped() == dropped + 1);
				assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.receive(reply));
			}
		}
	}

	private double rejected() {
		return this.meters.get("sockets.connections.rejected").tag("service", "echo").tag("reason", "denied")
			.counter().count();
	}

	private double dropped() {
		return this.meters.get("sockets.udp.dropped").tag("service", "udp").tag("reason", "denied").counter().count();
	}

}
