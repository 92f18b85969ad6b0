package io.socketflows.ack;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RawTcpServer;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class AckClientTests {

	private static final String TUTORIAL_MESSAGE = " Hello wild world... best regards ..!";

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	int port;

	@BeforeEach
	void findPort() {
		this.port = Listeners.port(this.tcpAckServer);
	}

	@Test
	void printsTheServiceAnswer() {
		ClientRun client = ClientRun.run(ClientRun.args("ack", this.port));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("ACK from TCP Server\n");
		assertThat(client.err()).isEmpty();
	}

	@Test
	void sendsTheTutorialMessageAndReadsTheAnswerUntilTheServerCloses() throws Exception {
		try (RawTcpServer<String> server = RawTcpServer.serve((socket) -> {
			byte[] request = socket.getInputStream().readNBytes(TUTORIAL_MESSAGE.length());
			OutputStream out = socket.getOutputStream();
			out.write("ACK from ".getBytes(StandardCharsets.UTF_8));
			out.flush();
			out.write("TCP Server".getBytes(StandardCharsets.UTF_8));
			return new String(request, StandardCharsets.UTF_8);
		})) {
			ClientRun client = ClientRun.run(ClientRun.args("ack", server.port()));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo(TUTORIAL_MESSAGE);
			assertThat(client.out()).isEqualTo("ACK from TCP Server\n");
		}
	}

	@Test
	void sendsTheMessageGivenAsItIs() throws Exception {
		try (RawTcpServer<String> server = RawTcpServer.serve((socket) -> {
			byte[] request = socket.getInputStream().readNBytes("ça va ?".getBytes(StandardCharsets.UTF_8).length);
			socket.getOutputStream().write("ok".getBytes(StandardCharsets.UTF_8));
			return new String(request, StandardCharsets.UTF_8);
		})) {
			ClientRun client = ClientRun.run(ClientRun.args("ack", server.port(), "ça va ?"));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo("ça va ?");
			assertThat(client.out()).isEqualTo("ok\n");
		}
	}

	@Test
	void failsAtOnceWhenTheServerClosesWithoutAnAnswer() throws Exception {
		try (RawTcpServer<Object> server = RawTcpServer.serve((socket) -> socket.getInputStream().read())) {
			ClientRun client = ClientRun.run(ClientRun.args("ack", server.port(), "--timeout", "1m"));
			assertThat(client.status()).isEqualTo(1);
			assertThat(client.err())
				.isEqualTo("ack: 127.0.0.1:" + server.port() + " closed the connection without an answer\n");
		}
	}

	@Test
	void timesOutWhenTheAnswerDoesNotCome() throws Exception {
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> socket.getInputStream().readAllBytes())) {
			ClientRun client = ClientRun.run(ClientRun.args("ack", server.port(), "--timeout", "300ms"));
			assertThat(client.status()).isEqualTo(5);
			assertThat(client.err()).isEqualTo("ack: no answer from 127.0.0.1:" + server.port() + " within 300ms\n");
			assertThat(client.out()).isEmpty();
		}
	}

}
