package io.socketflows.chat;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
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
import static org.awaitility.Awaitility.await;

@ServerTest
class ChatClientTests {

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	int port;

	@BeforeEach
	void findPort() {
		this.port = Listeners.port(this.tcpChatServer);
	}

	@Test
	void talksWithTheOperatorFromAPipeUntilExit() {
		// The automatic operator of the tests echoes each message.
		byte[] session = "bonjour\nça va ?\nexit\nnot sent\n".getBytes(StandardCharsets.UTF_8);
		ClientRun client = ClientRun.run(session, ClientRun.args("chat", this.port));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("bonjour\nça va ?\n");
		assertThat(client.err()).isEmpty();
	}

	@Test
	void endsAtTheEndOfInputOnceEveryMessageIsAnswered() {
		ClientRun client = ClientRun.run("un\ndeux\ntrois".getBytes(StandardCharsets.UTF_8),
				ClientRun.args("chat", this.port));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("un\ndeux\ntrois\n");
	}

	@Test
	void sendsEachLineAloneAndPrintsEveryAnswerWhenItComes() throws Exception {
		ClientRun[] client = new ClientRun[1];
		try (PipedOutputStream typed = new PipedOutputStream();
				InputStream stdin = new PipedInputStream(typed);
				RawTcpServer<String> server = RawTcpServer.serve((socket) -> {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			String first = new String(in.readNBytes(3), StandardCharsets.UTF_8);
			out.write("A1".getBytes(StandardCharsets.UTF_8));
			String second = new String(in.readNBytes(3), StandardCharsets.UTF_8);
			// Two answers to one message, each printed as it comes.
			out.write("A2a".getBytes(StandardCharsets.UTF_8));
			await().atMost(Listeners.TIMEOUT).until(() -> client[0].out().endsWith("A2a\n"));
			out.write("A2b".getBytes(StandardCharsets.UTF_8));
			await().atMost(Listeners.TIMEOUT).until(() -> client[0].out().endsWith("A2b\n"));
			typed.write("exit\n".getBytes(StandardCharsets.UTF_8));
			// exit is not sent: the client closes.
			return first + "|" + second + "|" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
		})) {
			client[0] = ClientRun.start(stdin, ClientRun.args("chat", server.port()));
			typed.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client[0].status()).as(client[0].toString()).isZero();
			assertThat(server.result()).isEqualTo("one|two|");
			assertThat(client[0].out()).isEqualTo("A1\nA2a\nA2b\n");
		}
	}

	@Test
	void endsWhenTheOperatorEndsTheConversation() throws Exception {
		try (RawTcpServer<String> server = RawTcpServer.serve(
				(socket) -> new String(socket.getInputStream().readNBytes(3), StandardCharsets.UTF_8))) {
			ClientRun client = ClientRun.run("one\ntwo\n".getBytes(StandardCharsets.UTF_8),
					ClientRun.args("chat", server.port()));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo("one");
			assertThat(client.err()).isEqualTo("chat: 127.0.0.1:" + server.port() + " ended the conversation\n");
		}
	}

	@Test
	void timesOutWhenAMessageIsNotAnswered() throws Exception {
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> socket.getInputStream().readAllBytes())) {
			ClientRun client = ClientRun.run("one\n".getBytes(StandardCharsets.UTF_8),
					ClientRun.args("chat", server.port(), "--timeout", "300ms"));
			assertThat(client.status()).isEqualTo(5);
			assertThat(client.err()).isEqualTo(
					"chat: no answer to 1 of 1 messages from 127.0.0.1:" + server.port() + " within 300ms\n");
		}
	}

}
