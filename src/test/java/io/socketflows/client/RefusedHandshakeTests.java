package io.socketflows.client;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP clients against services that need a client certificate ({@code client-auth: need}): without one, the
 * server refuses the handshake after the client's side of it is done (TLS 1.3), and every client says so and
 * fails; it used to take the refusal for the end of the conversation.
 */
@ServerTest
@TestPropertySource(properties = { "spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.crt",
		"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
		"spring.ssl.bundle.pem.server.truststore.certificate=classpath:tls/ca.crt", "sockets.echo.ssl.bundle=server",
		"sockets.echo.ssl.client-auth=need", "sockets.ack.ssl.bundle=server", "sockets.ack.ssl.client-auth=need",
		"sockets.chat.ssl.bundle=server", "sockets.chat.ssl.client-auth=need" })
class RefusedHandshakeTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@Test
	void echoFailsWithTheServersReason() {
		assertRefused("echo", ClientRun.run(ClientRun.args("echo", port(this.tcpEchoServer), "--ca", tls("ca.crt"))),
				port(this.tcpEchoServer));
	}

	@Test
	void ackFailsWithTheServersReason() {
		assertRefused("ack", ClientRun.run(ClientRun.args("ack", port(this.tcpAckServer), "--ca", tls("ca.crt"))),
				port(this.tcpAckServer));
	}

	@Test
	void chatFailsWithTheServersReasonRatherThanEndingTheConversation() {
		ClientRun client = ClientRun.run("bonjour\nexit\n".getBytes(StandardCharsets.UTF_8),
				ClientRun.args("chat", port(this.tcpChatServer), "--ca", tls("ca.crt")));
		assertRefused("chat", client, port(this.tcpChatServer));
		assertThat(client.err()).doesNotContain("ended the conversation");
	}

	@Test
	void withItsCertificateTheClientIsServed() {
		ClientRun client = ClientRun.run("bonjour\nexit\n".getBytes(StandardCharsets.UTF_8),
				ClientRun.args("chat", port(this.tcpChatServer), "--ca", tls("ca.crt"), "--cert", tls("client.crt"),
						"--key", tls("client.key")));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("bonjour\n");
	}

	private static void assertRefused(String service, ClientRun client, int port) {
		assertThat(client.status()).as(client.toString()).isEqualTo(1);
		assertThat(client.out()).isEmpty();
		assertThat(client.err()).startsWith(service + ": TLS handshake with 127.0.0.1:" + port + " failed: ")
			.contains("certificate")
			.hasLineCount(1);
	}

	private static int port(AbstractServerConnectionFactory server) {
		return Listeners.port(server);
	}

	private static String tls(String name) {
		try {
			return Path.of(RefusedHandshakeTests.class.getResource("/tls/" + name).toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
