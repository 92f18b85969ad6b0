package io.socketflows.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Baseline;
import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.TlsSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The TCP services over TLS from a PEM bundle, against JDK TLS clients and misbehaving plain ones: echo and chat
 * without client certificates, ACK with {@code client-auth: need}, chat with {@code want}, echo's handshake timeout
 * 1 s.
 */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
// Echo's idle timeout under its handshake timeout (1 s): a stalled handshake is still one refusal, not two.
@TestPropertySource(locations = "classpath:tls/server.properties", properties = "sockets.echo.idle-timeout=700ms")
class TlsServerTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@Autowired
	MeterRegistry meters;

	@Test
	void echoesEveryByteInOrderOverTls() throws Exception {
		byte[] sent = new byte[300_000];
		new Random(42).nextBytes(sent);
		try (SSLSocket socket = TlsSockets.connect(Listeners.port(this.tcpEchoServer))) {
			CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readExactly(socket, sent.length));
			OutputStream out = socket.getOutputStream();
			for (int offset = 0; offset < sent.length; offset += 1000) {
				out.write(sent, offset, Math.min(1000, sent.length - offset));
			}
			out.flush();
			assertThat(echoed.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(sent);
			assertThat(socket.getSession().getPeerPrincipal().getName()).isEqualTo("CN=socket-flows server");
		}
	}

	@Test
	void chatsOverTlsWithOrWithoutACertificateWhenClientAuthIsWanted() throws IOException {
		try (SSLSocket without = TlsSockets.connect(Listeners.port(this.tcpChatServer));
				SSLSocket with = TlsSockets.connect(TlsSockets.withClientCertificate(), "127.0.0.1",
						Listeners.port(this.tcpChatServer))) {
			assertChats(without, "Bonjour");
			assertChats(with, "Bonjour, certifié");
			assertThat(with.getSession().getLocalPrincipal().getName()).isEqualTo("CN=socket-flows client");
		}
	}

	private static void assertChats(SSLSocket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		byte[] answer = new byte[2048];
		int read = socket.getInputStream().read(answer);
		assertThat(new String(answer, 0, read, StandardCharsets.UTF_8)).isEqualTo(text);
	}

	@Test
	void acknowledgesAClientThatShowsItsCertificate() throws IOException {
		try (SSLSocket socket = TlsSockets.connect(TlsSockets.withClientCertificate(), "localhost",
				Listeners.port(this.tcpAckServer))) {
			socket.getOutputStream().write("Bonjour".getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("ACK from TCP Server");
		}
	}

	@Test
	void refusesAClientWithoutACertificateWhenClientAuthIsNeeded(CapturedOutput output) throws Exception {
		double refused = refused("ack");
		Throwable failure = catchThrowable(() -> {
			// In TLS 1.3 the client's side of the handshake may end before the server has checked it: the
			// server's alert then comes with the first read.
			try (SSLSocket socket = TlsSockets.connect(Listeners.port(this.tcpAckServer))) {
				socket.getOutputStream().write("Bonjour".getBytes(StandardCharsets.UTF_8));
				socket.getOutputStream().flush();
				assertThat(socket.getInputStream().read()).as("no acknowledgement").isEqualTo(-1);
			}
		});
		assertThat(failure).isInstanceOfAny(SSLException.class, SocketException.class);
		await().atMost(Listeners.TIMEOUT).until(() -> refused("ack") == refused + 1);
		assertThat(output).contains("ack: connection from 127.0.0.1:").contains("refused (handshake)");
	}

	@Test
	void theJarsClientPresentsItsCertificateWhereOneIsNeeded() {
		String[] trust = { "--ca", resource("ca.crt") };
		ClientRun without = ClientRun.run(ClientRun.args("ack", Listeners.port(this.tcpAckServer), trust));
		assertThat(without.status()).as(without.toString()).isEqualTo(1);
		ClientRun with = ClientRun.run(ClientRun.args("ack", Listeners.port(this.tcpAckServer), "--ca",
				resource("ca.crt"), "--cert", resource("client.crt"), "--key", resource("client.key")));
		assertThat(with.status()).as(with.toString()).isZero();
		assertThat(with.out()).isEqualTo("ACK from TCP Server\n");
	}

	@Test
	void theJarsClientPresentsTheCertificateOfItsBundleWhereOneIsNeeded(@TempDir Path configuration) {
		String bundles = """
				spring.ssl.bundle.pem:
				  trust-only:
				    truststore.certificate: %1$s
				  identity:
				    truststore.certificate: %1$s
				    keystore:
				      certificate: %2$s
				      private-key: %3$s
				""".formatted(resource("ca.crt"), resource("client.crt"), resource("client.key"));
		int port = Listeners.port(this.tcpAckServer);
		ClientRun without = ClientRun.runConfigured(configuration, bundles,
				ClientRun.args("ack", port, "--bundle", "trust-only"));
		assertThat(without.status()).as(without.toString()).isEqualTo(1);
		assertThat(without.out()).isEmpty();
		ClientRun with = ClientRun.runConfigured(configuration, bundles,
				ClientRun.args("ack", port, "--bundle", "identity"));
		assertThat(with.status()).as(with.toString()).isZero();
		assertThat(with.out()).isEqualTo("ACK from TCP Server\n");
	}

	private static String resource(String name) {
		try {
			return Path.of(TlsServerTests.class.getResource("/tls/" + name).toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void closesAndCountsAPlainClientOnTheTlsPort() throws IOException {
		double refused = refused("echo");
		double opened = this.meters.counter("sockets.connections.opened", "service", "echo").count();
		try (Socket plain = Sockets.connect(Listeners.port(this.tcpEchoServer))) {
			plain.getOutputStream().write("Hello, world\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] answer = readUntilClosed(plain);
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("Hello");
		}
		await().atMost(Listeners.TIMEOUT).until(() -> refused("echo") == refused + 1);
		assertThat(this.meters.counter("sockets.connections.opened", "service", "echo").count())
			.as("a refusal, not a connection").isEqualTo(opened);
		assertServed();
	}

	@Test
	void closesAStalledHandshakeAfterTheTimeoutWhileServingOthers() throws IOException {
		double refused = refused("echo");
		double idle = this.meters.counter("sockets.connections.rejected", "service", "echo", "reason", "idle").count();
		try (Socket silent = Sockets.connect(Listeners.port(this.tcpEchoServer));
				Socket stalled = Sockets.connect(Listeners.port(this.tcpEchoServer))) {
			stalled.getOutputStream().write(TlsSockets.partialClientHello());
			assertServed();
			assertThat(readUntilClosed(stalled)).as("closed by the server").isNotNull();
			assertThat(readUntilClosed(silent)).as("closed by the server").isNotNull();
		}
		await().atMost(Listeners.TIMEOUT).until(() -> refused("echo") == refused + 2);
		assertThat(this.meters.counter("sockets.connections.rejected", "service", "echo", "reason", "idle").count())
			.as("refused once, for its handshake").isEqualTo(idle);
		assertServed();
	}

	/**
	 * A reset in the middle of the client's hello, or once the server has answered it and waits for the client's
	 * next flight: counted once, and descriptors, threads and connections back at their baseline.
	 */
	@ParameterizedTest(name = "after the server''s hello: {0}")
	@ValueSource(booleans = { false, true })
	void countsAClientResetInTheMiddleOfItsHandshakeAndGivesEverythingBack(boolean afterTheServersHello)
			throws IOException {
		int port = Listeners.port(this.tcpEchoServer);
		// First resets, one on each event loop (Netty starts a loop's thread with its first channel), and a
		// handshake that ends: whatever they load or start once is part of the baseline.
		for (int i = 0; i < 8; i++) {
			double before = refused("echo");
			resetMidHandshake(port, afterTheServersHello);
			await().atMost(Listeners.TIMEOUT).until(() -> refused("echo") == before + 1);
		}
		assertServed();
		await().atMost(Listeners.TIMEOUT).untilAsserted(this::assertNoEchoConnection);
		Baseline baseline = Baseline.take();
		double refused = refused("echo");

		resetMidHandshake(port, afterTheServersHello);

		await().atMost(Listeners.TIMEOUT).until(() -> refused("echo") == refused + 1);
		baseline.awaitReturn(this::assertNoEchoConnection);
		assertServed();
	}

	private static void resetMidHandshake(int port, boolean afterTheServersHello) throws IOException {
		try (Socket socket = Sockets.connect(port)) {
			if (afterTheServersHello) {
				socket.getOutputStream().write(TlsSockets.clientHello());
				assertThat(socket.getInputStream().read()).as("the first byte of the server's handshake record")
					.isEqualTo(0x16);
			}
			else {
				socket.getOutputStream().write(TlsSockets.partialClientHello());
			}
			// SO_LINGER 0: the close is a reset.
			socket.setSoLinger(true, 0);
		}
	}

	/** No echo connection open, as the metrics and the factory see them. */
	private void assertNoEchoConnection() {
		assertThat(this.meters.get("sockets.connections.active").tag("service", "echo").gauge().value())
			.as("active echo connections").isZero();
		assertThat(this.tcpEchoServer.getOpenConnectionIds()).as("the echo factory's open connections").isEmpty();
	}

	/** A well-behaved TLS client is echoed. */
	private void assertServed() throws IOException {
		try (SSLSocket socket = TlsSockets.connect(Listeners.port(this.tcpEchoServer))) {
			socket.getOutputStream().write("still here".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			assertThat(new String(readExactly(socket, 10), StandardCharsets.US_ASCII)).isEqualTo("still here");
		}
	}

	private double refused(String service) {
		return this.meters.counter("sockets.connections.rejected", "service", service, "reason", "handshake").count();
	}

	/** @return what the server sent (an alert, or nothing) until it closed; a reset counts as closed */
	private static byte[] readUntilClosed(Socket socket) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		try {
			InputStream in = socket.getInputStream();
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (SocketException ex) {
			// Connection reset: closed as well.
		}
		return bytes.toByteArray();
	}

	private static byte[] readExactly(Socket socket, int length) {
		try {
			return socket.getInputStream().readNBytes(length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
