package io.socketflows.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RawTcpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in client mode, as a user or a script runs it: the reply alone on standard output, one line
 * on standard error for a failure, the exit status of the process.
 */
class ClientModeIT {

	@Test
	void printsOnlyTheReplyOnStandardOutput() throws Exception {
		try (RawTcpServer<String> server = echoServer()) {
			Result client = client("echo", "--host", "127.0.0.1", "--port", String.valueOf(server.port()));
			assertThat(client.status()).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("Hello, world\n");
			assertThat(client.err()).isEmpty();
			assertThat(server.result()).isEqualTo("Hello, world");
		}
	}

	@Test
	void exitsWithTheStatusOfTheFailureAndOneLine() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Result client = client("ack", "--host", "127.0.0.1", "--port", String.valueOf(closedPort));
		assertThat(client.status()).isEqualTo(3);
		assertThat(client.out()).isEmpty();
		assertThat(client.err())
			.isEqualTo("ack: could not connect to 127.0.0.1:" + closedPort + " (127.0.0.1): Connection refused\n");
	}

	/**
	 * What made a client start in three seconds rather than one and a half: an application context with Spring
	 * Integration's infrastructure (and Reactor), and Logback; then, for a second more, Boot's config data, binder
	 * and SnakeYAML, for defaults that environment variables and the records give. Read from the JVM's own
	 * class-loading log; the port comes from the environment, as a user's {@code SOCKETS_ECHO_PORT} does.
	 */
	@Test
	void startsWithoutAnApplicationContextLogbackOrBootsConfigurationMachinery() throws Exception {
		try (RawTcpServer<String> server = echoServer()) {
			Result client = client(List.of("-Xlog:class+load=info:stderr"),
					Map.of("SOCKETS_ECHO_PORT", String.valueOf(server.port())), "echo", "--host", "127.0.0.1");
			assertThat(client.status()).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("Hello, world\n");
			assertThat(client.err()).contains(" io.socketflows.echo.EchoClient ")
				.contains(" org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory ")
				.doesNotContain(" org.springframework.context.support.AbstractApplicationContext ")
				.doesNotContain(" org.springframework.boot.SpringApplication ")
				.doesNotContain(" reactor.core.publisher.Flux ")
				.doesNotContain(" ch.qos.logback.classic.LoggerContext ")
				.doesNotContain(" org.springframework.boot.context.config.ConfigDataEnvironment ")
				.doesNotContain(" org.springframework.boot.context.properties.bind.Binder ")
				.doesNotContain(" org.springframework.boot.convert.ApplicationConversionService ")
				.doesNotContain(" org.yaml.snakeyaml.");
		}
	}

	/**
	 * {@code --bundle} reads the configuration files as the servers do (here the file that
	 * {@code SPRING_CONFIG_ADDITIONAL_LOCATION} names), and then only: the client trusts the bundle's CA.
	 */
	@Test
	void readsTheConfigurationFilesForABundle(@TempDir Path configuration) throws Exception {
		Files.writeString(configuration.resolve("application.yml"), """
				spring.ssl.bundle.pem.test-ca.truststore.certificate: %s
				""".formatted(resource("ca.crt")));
		try (RawTcpServer<String> server = RawTcpServer.serve((socket) -> {
			try (SSLSocket tls = tlsServer(socket)) {
				byte[] message = tls.getInputStream().readNBytes(12);
				tls.getOutputStream().write(message);
				return new String(message, StandardCharsets.UTF_8);
			}
		})) {
			Result client = client(List.of("-Xlog:class+load=info:stderr"),
					Map.of("SPRING_CONFIG_ADDITIONAL_LOCATION", configuration.toUri().toString()), "echo", "--host",
					"127.0.0.1", "--port", String.valueOf(server.port()), "--bundle", "test-ca");
			assertThat(client.status()).as(client.err()).isZero();
			assertThat(client.out()).isEqualTo("Hello, world\n");
			assertThat(client.err()).contains(" org.springframework.boot.context.properties.bind.Binder ");
			assertThat(server.result()).isEqualTo("Hello, world");
		}
	}

	/** The server's side of TLS on an accepted socket, with the test certificate for 127.0.0.1. */
	private static SSLSocket tlsServer(Socket socket) throws IOException {
		SslBundle server = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate(resource("server.crt")).withPrivateKey(resource("server.key")), null));
		SSLSocket tls = (SSLSocket) server.createSslContext()
			.getSocketFactory()
			.createSocket(socket, null, socket.getPort(), true);
		tls.setUseClientMode(false);
		return tls;
	}

	private static String resource(String name) {
		return Path.of("src/test/resources/tls", name).toAbsolutePath().toUri().toString();
	}

	/** Echoes the twelve bytes of "Hello, world", the client's default message. */
	private static RawTcpServer<String> echoServer() throws IOException {
		return RawTcpServer.serve((socket) -> {
			byte[] message = socket.getInputStream().readNBytes(12);
			socket.getOutputStream().write(message);
			return new String(message, StandardCharsets.UTF_8);
		});
	}

	private static Result client(String... args) throws Exception {
		return client(List.of(), Map.of(), args);
	}

	private static Result client(List<String> jvmOptions, Map<String, String> environment, String... args)
			throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java);
		builder.environment().putAll(environment);
		builder.command().addAll(jvmOptions);
		builder.command().addAll(List.of("-jar", "target/socket-flows.jar", "client"));
		builder.command().addAll(List.of(args));
		Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
		process.getOutputStream().close();
		CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process, true),
				(task) -> new Thread(task).start());
		CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process, false),
				(task) -> new Thread(task).start());
		assertThat(process.waitFor(Listeners.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
				new String(err.get(), StandardCharsets.UTF_8));
	}

	private static byte[] readAll(Process process, boolean standardOutput) {
		try {
			return (standardOutput ? process.getInputStream() : process.getErrorStream()).readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Result(int status, String out, String err) {
	}

}
