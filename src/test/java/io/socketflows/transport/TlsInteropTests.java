package io.socketflows.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Required;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Other TLS clients against the services: {@code ncat --ssl} and {@code openssl s_client}, as docs/tls.md shows them,
 * on the context of {@link TlsServerTests}.
 */
@ServerTest
@TestPropertySource(locations = "classpath:tls/server.properties")
class TlsInteropTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@BeforeAll
	static void toolsInstalled() {
		Required.installed("ncat openssl", Path.of("/usr/bin/ncat"), Path.of("/usr/bin/openssl"));
	}

	@Test
	void ncatGetsEveryByteEchoedAfterVerifyingTheServer() throws Exception {
		byte[] sent = new byte[100_000];
		new Random(3).nextBytes(sent);
		byte[] echoed = run(sent, "/usr/bin/ncat", "--ssl", "--ssl-verify", "--ssl-trustfile", resource("ca.crt"),
				"localhost", String.valueOf(Listeners.port(this.tcpEchoServer)));
		assertThat(echoed).isEqualTo(sent);
	}

	@Test
	void opensslShowsItsClientCertificateAndIsAcknowledged() throws Exception {
		byte[] answer = run("Hello".getBytes(StandardCharsets.US_ASCII), "/usr/bin/openssl", "s_client", "-connect",
				"127.0.0.1:" + Listeners.port(this.tcpAckServer), "-CAfile", resource("ca.crt"), "-verify_return_error",
				"-cert", resource("client.crt"), "-key", resource("client.key"), "-quiet");
		assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("ACK from TCP Server");
	}

	@Test
	void opensslWithoutACertificateIsRefusedWhereOneIsNeeded() throws Exception {
		byte[] answer = run("Hello".getBytes(StandardCharsets.US_ASCII), "/usr/bin/openssl", "s_client", "-connect",
				"127.0.0.1:" + Listeners.port(this.tcpAckServer), "-CAfile", resource("ca.crt"), "-verify_return_error",
				"-quiet");
		assertThat(answer).isEmpty();
	}

	@Test
	void ncatChatsWithTheOperator() throws Exception {
		byte[] answer = run("Bonjour".getBytes(StandardCharsets.UTF_8), "/usr/bin/ncat", "--ssl", "--ssl-verify",
				"--ssl-trustfile", resource("ca.crt"), "--idle-timeout", "2s", "localhost",
				String.valueOf(Listeners.port(this.tcpChatServer)));
		assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("Bonjour");
	}

	/** @return what the tool wrote on standard output, once it has ended */
	private static byte[] run(byte[] input, String... command) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
				try {
					return process.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			try (OutputStream in = process.getOutputStream()) {
				in.write(input);
			}
			assertThat(process.waitFor(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("%s ended", command[0])
				.isTrue();
			return output.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static String resource(String name) throws URISyntaxException {
		return Path.of(TlsInteropTests.class.getResource("/tls/" + name).toURI()).toString();
	}

}
