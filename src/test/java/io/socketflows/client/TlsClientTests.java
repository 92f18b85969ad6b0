package io.socketflows.client;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's TCP clients with {@code --tls}, {@code --ca}, {@code --bundle} and {@code --insecure}, against the services in TLS: echo and
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

	@Test
	void echoesOverTlsWithABundleOfTheClientsConfiguration(@TempDir Path configuration) {
		ClientRun client = ClientRun.runConfigured(configuration, trustingTheCa("private-ca"),
				ClientRun.args("echo", port(this.tcpEchoServer), "--bundle", "private-ca"));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("Hello, world\n");
		assertThat(client.err()).isEmpty();
	}

	@Test
	void aBundleStillVerifiesTheHostNameUnlessInsecure(@TempDir Path configuration) {
		byte[] input = "bonjour\nexit\n".getBytes(StandardCharsets.UTF_8);
		String[] args = ClientRun.args("chat", port(this.tcpChatServer), "--bundle", "private-ca");
		ClientRun verified = ClientRun.runConfigured(configuration, trustingTheCa("private-ca"), input, args);
		assertThat(verified.status()).as(verified.toString()).isEqualTo(1);
		assertThat(verified.err()).startsWith("chat: TLS handshake with 127.0.0.1:")
			.contains("No subject alternative names matching IP address 127.0.0.1");
		String[] insecure = ClientRun.args("chat", port(this.tcpChatServer), "--bundle", "private-ca", "--insecure");
		ClientRun unverified = ClientRun.runConfigured(configuration, trustingTheCa("private-ca"), input, insecure);
		assertThat(unverified.status()).as(unverified.toString()).isZero();
		assertThat(unverified.out()).isEqualTo("bonjour\n");
		assertThat(unverified.err()).isEqualTo("warning: --insecure: the server's host name is not verified\n");
	}

	/** The bundle's protocols bind the client: one the JVM no longer allows leaves it none to offer. */
	@Test
	void appliesTheProtocolsOfTheBundle(@TempDir Path configuration) {
		ClientRun client = echoWithProtocol(configuration, "old", "TLSv1.1");
		assertThat(client.status()).as(client.toString()).isEqualTo(1);
		assertThat(client.err()).startsWith("echo: TLS handshake with 127.0.0.1:").contains("No appropriate protocol");
		ClientRun current = echoWithProtocol(configuration, "current", "TLSv1.2");
		assertThat(current.status()).as(current.toString()).isZero();
	}

	@Test
	void aProtocolTheJvmDoesNotKnowIsAWrongCommandLine(@TempDir Path configuration) {
		ClientRun client = echoWithProtocol(configuration, "typo", "TLSv1.4");
		assertThat(client.status()).as(client.toString()).isEqualTo(2);
		assertThat(client.out()).isEmpty();
		assertThat(client.err()).startsWith("echo: --bundle: ").contains("TLSv1.4");
	}

	/** The echo client with {@code --bundle bundle}, a bundle trusting the CA that allows only {@code protocol}. */
	private ClientRun echoWithProtocol(Path configuration, String bundle, String protocol) {
		String onlyThat = trustingTheCa(bundle) + "        options.enabled-protocols: " + protocol + "\n";
		return ClientRun.runConfigured(configuration, onlyThat,
				ClientRun.args("echo", port(this.tcpEchoServer), "--bundle", bundle));
	}

	@Test
	void aBundleWithCaCertOrKeyIsAWrongCommandLine(@TempDir Path configuration) {
		String[][] both = { { "--ca", ca() }, { "--cert", ca(), "--key", ca() }, { "--key", ca() } };
		for (String[] more : both) {
			String[] args = Stream.concat(Stream.of("--bundle", "private-ca"), Arrays.stream(more))
				.toArray(String[]::new);
			ClientRun client = ClientRun.runConfigured(configuration, trustingTheCa("private-ca"),
					ClientRun.args("echo", port(this.tcpEchoServer), args));
			assertThat(client.status()).as(String.join(" ", more) + ": " + client).isEqualTo(2);
			assertThat(client.out()).isEmpty();
			assertThat(client.err())
				.isEqualTo("echo: --bundle private-ca holds the certificates: not with --ca, --cert or --key\n");
		}
	}

	@Test
	void anUnknownBundleIsAWrongCommandLineNamingTheKnownOnes(@TempDir Path configuration) {
		String twoBundles = trustingTheCa("private-ca") + """
				    jks:
				      company:
				        truststore.location: company.p12
				""";
		ClientRun client = ClientRun.runConfigured(configuration, twoBundles,
				ClientRun.args("ack", port(this.tcpAckServer), "--bundle", "privateca"));
		assertThat(client.status()).as(client.toString()).isEqualTo(2);
		assertThat(client.out()).isEmpty();
		assertThat(client.err()).isEqualTo("ack: --bundle privateca: no such SSL bundle under spring.ssl.bundle.pem "
				+ "or spring.ssl.bundle.jks (known: company, private-ca)\n");
		ClientRun none = ClientRun.run(ClientRun.args("ack", port(this.tcpAckServer), "--bundle", "private-ca"));
		assertThat(none.status()).as(none.toString()).isEqualTo(2);
		assertThat(none.err()).isEqualTo("ack: --bundle private-ca: no such SSL bundle under "
				+ "spring.ssl.bundle.pem or spring.ssl.bundle.jks (none configured)\n");
	}

	@Test
	void aBundleWhoseFileIsMissingIsAWrongCommandLine(@TempDir Path configuration) {
		String missing = """
				spring.ssl.bundle.pem:
				  gone:
				    truststore.certificate: %s
				""".formatted(configuration.resolve("gone.crt"));
		ClientRun client = ClientRun.runConfigured(configuration, missing,
				ClientRun.args("echo", port(this.tcpEchoServer), "--bundle", "gone"));
		assertThat(client.status()).as(client.toString()).isEqualTo(2);
		assertThat(client.err()).startsWith("echo: --bundle gone: cannot be used: ")
			.contains("'" + configuration.resolve("gone.crt") + "'");
	}

	/** @return an {@code application.yml} of a user with a PEM bundle {@code name} that trusts the test CA */
	private static String trustingTheCa(String name) {
		return """
				spring.ssl.bundle:
				    pem:
				      %s:
				        truststore.certificate: %s
				""".formatted(name, ca());
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
