package io.socketflows.udp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import io.socketflows.transport.UdpServer;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class UdpClientTests {

	@Autowired
	UdpServer udpServer;

	int port;

	@BeforeEach
	void findPort() {
		this.port = Listeners.port(this.udpServer);
	}

	@Test
	void printsTheServiceAnswer() {
		ClientRun client = ClientRun.run(ClientRun.args("udp", this.port));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("Hello cher client UDP\n");
		assertThat(client.err()).isEmpty();
	}

	@Test
	void sendsOneDatagramAndReadsTheAnswerOnTheSameSocket() throws Exception {
		try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			server.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
				try {
					DatagramPacket request = new DatagramPacket(new byte[2048], 2048);
					server.receive(request);
					byte[] answer = "pong".getBytes(StandardCharsets.UTF_8);
					// To the address and port the datagram came from, as udpServer.py's sendto.
					server.send(new DatagramPacket(answer, answer.length, request.getSocketAddress()));
					return new String(request.getData(), 0, request.getLength(), StandardCharsets.UTF_8);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, (task) -> new Thread(task, "raw-udp-server").start());
			ClientRun client = ClientRun.run(ClientRun.args("udp", server.getLocalPort()));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(received.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Hello UDP Server");
			assertThat(client.out()).isEqualTo("pong\n");
		}
	}

	@Test
	void failsWhenNoAnswerComes() throws Exception {
		try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			ClientRun client = ClientRun.run(ClientRun.args("udp", server.getLocalPort(), "--timeout", "300ms"));
			assertThat(client.status()).isEqualTo(6);
			assertThat(client.err())
				.isEqualTo("udp: no answer from udp 127.0.0.1:" + server.getLocalPort() + " (127.0.0.1) within 300ms\n");
			assertThat(client.out()).isEmpty();
		}
	}

}
