package io.socketflows.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.net.ssl.SSLSocket;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.testsupport.TlsSockets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PEM bundle with {@code reload-on-update}, its files rewritten while the echo service runs: new connections get
 * the new certificate, an open one keeps being served.
 */
@ServerTest
class TlsReloadTests {

	private static final Path DIRECTORY = copyOfTheServerCertificate();

	private static final String ORIGINAL = "CN=socket-flows server";

	private static final String RENEWED = "CN=socket-flows server renewed";

	@DynamicPropertySource
	static void bundle(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.reloading.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.pem.reloading.keystore.certificate",
				() -> DIRECTORY.resolve("tls.crt").toUri().toString());
		registry.add("spring.ssl.bundle.pem.reloading.keystore.private-key",
				() -> DIRECTORY.resolve("tls.key").toUri().toString());
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "100ms");
		registry.add("sockets.echo.ssl.bundle", () -> "reloading");
	}

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Test
	void newConnectionsGetTheRewrittenCertificateWhileAnOpenOneIsStillServed() throws IOException {
		int port = Listeners.port(this.tcpEchoServer);
		try (SSLSocket before = TlsSockets.connect(port)) {
			String served = before.getSession().getPeerPrincipal().getName();
			// The other transport's test shares the files: swap to whichever certificate is not served now.
			boolean renew = served.equals(ORIGINAL);
			write(renew ? "server-renewed" : "server");
			String expected = renew ? RENEWED : ORIGINAL;
			await().atMost(Listeners.TIMEOUT).until(() -> servedTo(port).equals(expected));
			assertEchoes(before, "still open");
			assertThat(before.getSession().getPeerPrincipal().getName()).isEqualTo(served);
		}
	}

	private static String servedTo(int port) throws IOException {
		try (SSLSocket socket = TlsSockets.connect(port)) {
			assertEchoes(socket, "new");
			return socket.getSession().getPeerPrincipal().getName();
		}
	}

	private static void assertEchoes(SSLSocket socket, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		socket.getOutputStream().write(bytes);
		socket.getOutputStream().flush();
		assertThat(new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII))
			.isEqualTo(text);
	}

	/** Key first: Boot reloads once the directory has been quiet for the quiet period. */
	private static void write(String name) throws IOException {
		copy(name + ".key", DIRECTORY.resolve("tls.key"));
		copy(name + ".crt", DIRECTORY.resolve("tls.crt"));
	}

	private static Path copyOfTheServerCertificate() {
		try {
			Path directory = Files.createTempDirectory("socket-flows-tls-");
			directory.toFile().deleteOnExit();
			copy("server.key", directory.resolve("tls.key"));
			copy("server.crt", directory.resolve("tls.crt"));
			directory.resolve("tls.key").toFile().deleteOnExit();
			directory.resolve("tls.crt").toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(String resource, Path target) throws IOException {
		try (InputStream in = TlsReloadTests.class.getResourceAsStream("/tls/" + resource)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
