package io.socketflows.client;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's TCP clients with {@code --tls}, {@code --ca} and {@code --insecure}, against the services in TLS: echo and
 * ACK with a certificate for localhost, chat with one for another name.
 */
@ServerTest
@TestPropertySource(properties = { "spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.crt",
		"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
		"spring.ssl.bundle.pem.other.keystore.certificate=classpath:tls/other.crt",
		"spring.ssl.bundle.pem.other.keystore.private-key=classpath:tls/other.key",
		"sockets.echo.ssl.bundle=server", "sockets.ack.ssl.bundle=server", "sockets.chat.ssl.bundle=other" })
class TlsClientTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@Test
	void echoesOverTlsTrustingTheGivenCa() {
		ClientRun client = ClientRun.run(ClientRun.args("echo", port(this.tcpEchoServer), "--tls", "--ca", ca()));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("Hello, world\n");
		assertThat(client.err()).isEmpty();
	}

	@Test
	void verifiesTheHostNameOfTheCertificateByName() {
		ClientRun client = ClientRun.run("echo", "--host", "localhost", "-4", "--port",
				String.valueOf(port(this.tcpEchoServer)), "--ca", ca(), "par nom");
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("par nom\n");
	}

	@Test
	void streamsStandardInputOverTlsAndEndsWithTheServer() {
		byte[] input = new byte[200_000];
		new Random(7).nextBytes(input);
		ClientRun client = ClientRun.run(input, ClientRun.args("echo", port(this.tcpEchoServer), "--ca", ca(), "-"));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.stdout()).isEqualTo(input);
	}

	@Test
	void acknowledgesOverTls() {
		ClientRun client = ClientRun.run(ClientRun.args("ack", port(this.tcpAckServer), "--tls", "--ca", ca()));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("ACK from TCP Server\n");
	}

	@Test
	void failsWhenTheServerIsNotTrusted() {
		ClientRun client = ClientRun.run(ClientRun.args("echo", port(this.tcpEchoServer), "--tls"));
		assertThat(client.status()).as(client.toString()).isEqualTo(1);
		assertThat(client.out()).isEmpty();
		assertThat(client.err()).startsWith("echo: TLS handshake with 127.0.0.1:")
			.contains("unable to find valid certification path");
	}

	@Test
	void failsWhenTheCertificateNamesAnotherHost() {
		ClientRun client = ClientRun.run("bonjour\n".getBytes(StandardCharsets.UTF_8),
				ClientRun.args("chat", port(this.tcpChatServer), "--ca", ca()));
		assertThat(client.status()).as(client.toString()).isEqualTo(1);
		assertThat(client.err()).startsWith("chat: TLS handshake with 127.0.0.1:")
			.contains("No subject alternative names matching IP address 127.0.0.1");
	}

	@Test
	void failsWhenTheCertificateNamesAnotherHostName() {
		ClientRun client = ClientRun.run("bonjour\n".getBytes(StandardCharsets.UTF_8), "chat", "--host", "localhost",
				"-4", "--port", String.valueOf(port(this.tcpChatServer)), "--ca", ca());
		assertThat(client.status()).as(client.toString()).isEqualTo(1);
		assertThat(client.err()).startsWith("chat: TLS handshake with localhost:").contains("localhost");
	}

	@Test
	void insecureSkipsTheHostNameAndSaysSo() {
		ClientRun client = ClientRun.run("bonjour\nexit\n".getBytes(StandardCharsets.UTF_8),
				ClientRun.args("chat", port(this.tcpChatServer), "--ca", ca(), "--insecure"));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("bonjour\n");
		assertThat(client.err()).isEqualTo("warning: --insecure: the server's host name is not verified\n");
	}

	@Test
	void insecureWithoutACaTrustsAnyCertificateAndSaysSo() {
		ClientRun client = ClientRun.run(ClientRun.args("echo", port(this.tcpEchoServer), "--insecure"));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("Hello, world\n");
		assertThat(client.err())
			.isEqualTo("warning: --insecure: neither the server's certificate nor its host name is verified\n");
	}

	private static int port(AbstractServerConnectionFactory server) {
		return Listeners.port(server);
	}

	private static String ca() {
		try {
			return Path.of(TlsClientTests.class.getResource("/tls/ca.crt").toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
