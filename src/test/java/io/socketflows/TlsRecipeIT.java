package io.socketflows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socketflows.testsupport.Required;
import io.socketflows.testsupport.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TLS recipe of {@code docs/tls.md}, run from the page word for word, as a user would from a fresh clone: its
 * openssl commands make the certificates, its YAML is the configuration, its command starts the packaged jar from
 * the recipe's folder, and each of its client commands prints what its {@code # prints} comment says. Only the
 * ports differ: the server takes free ones (through the environment), and the commands are pointed at them.
 */
class TlsRecipeIT {

	private static final Path RECIPE = Path.of("docs/tls.md");

	/** The start-up summary: {@code Serving echo on tcp 0.0.0.0:41234 (raw, tls), ack on tcp ...}. */
	private static final Pattern LISTENING = Pattern.compile("\\b(echo|ack|chat) on tcp [^ ,]+:(\\d+)");

	/** The services' default ports, as the page's ncat and openssl commands name them. */
	private static final Pattern DEFAULT_PORT = Pattern.compile("(?<=[ :])300([012])\\b");

	private static final String[] SERVICES = { "echo", "ack", "chat" };

	@TempDir
	Path clone;

	/** JUnit would warn about a link out of its directory, though it never follows one. */
	@AfterEach
	void unlinkTheJarFolder() throws IOException {
		Files.deleteIfExists(this.clone.resolve("target"));
	}

	@Test
	void runsFromThePageWordForWord() throws Exception {
		Required.installed("openssl ncat", Path.of("/usr/bin/openssl"), Path.of("/usr/bin/ncat"));
		String page = Files.readString(RECIPE);

		// 1. The jar is this build's; the folder is made beside it, as the page makes it in a clone.
		assertThat(block(page, "### 1.", "sh")).contains("./mvnw package").endsWith("mkdir tls-demo && cd tls-demo");
		Files.createSymbolicLink(this.clone.resolve("target"), Path.of("target").toAbsolutePath());
		Path demo = Files.createDirectory(this.clone.resolve("tls-demo"));

		// 2. The certificates.
		Result certificates = bash(demo, block(page, "### 2.", "sh"), Map.of());
		assertThat(certificates.status()).as(certificates.err()).isZero();
		assertThat(demo).isDirectoryContaining("glob:**/server.crt").isDirectoryContaining("glob:**/client.key");

		// 3. The configuration, where the page says it goes.
		assertThat(page).contains("Create `tls-demo/config/application.yml` with:");
		Files.createDirectory(demo.resolve("config"));
		Files.writeString(demo.resolve("config/application.yml"), block(page, "### 3.", "yaml"));

		// 4. The server, started from tls-demo with the page's command.
		Map<String, String> freePorts = Map.of("SOCKETS_ECHO_PORT", "0", "SOCKETS_ACK_PORT", "0", "SOCKETS_CHAT_PORT",
				"0", "SOCKETS_UDP_PORT", "0", "SERVER_PORT", "0", "MANAGEMENT_SERVER_PORT", "0");
		Process server = start(demo, "exec " + block(page, "### 4.", "sh"), freePorts);
		List<String> log = new CopyOnWriteArrayList<>();
		CompletableFuture.runAsync(() -> readLines(server, log));
		try {
			await().atMost(Listeners.TIMEOUT.multipliedBy(3))
				.until(() -> log.stream().anyMatch((line) -> line.contains(" Serving "))
						|| !server.isAlive());
			assertThat(server.isAlive()).as(String.join("\n", log)).isTrue();
			Map<String, String> ports = ports(log);

			// 5. Each command prints what the page says it prints.
			List<String> commands = block(page, "### 5.", "sh").lines().toList();
			assertThat(commands).hasSizeGreaterThanOrEqualTo(5).allMatch((line) -> line.contains("# prints "));
			Map<String, String> clientPorts = Map.of("SOCKETS_ECHO_PORT", ports.get("echo"), "SOCKETS_ACK_PORT",
					ports.get("ack"), "SOCKETS_CHAT_PORT", ports.get("chat"));
			for (String command : commands) {
				String expected = command.substring(command.lastIndexOf("# prints ") + "# prints ".length()).trim();
				Result result = bash(demo, pointedAt(command, ports), clientPorts);
				assertThat(result.status()).as(command + "\n" + result.err()).isZero();
				assertThat(result.out().strip()).as(command + "\n" + result.err()).isEqualTo(expected);
			}

			// A chat client without a certificate from the CA: refused in the handshake, as the page says.
			bash(demo, "printf 'bonjour\\nexit\\n' | java -jar ../target/socket-flows.jar client chat --ca ca.crt",
					clientPorts);
			assertThat(page).contains("`chat: connection from 127.0.0.1:... refused (handshake): ...`");
			await().atMost(Listeners.TIMEOUT)
				.until(() -> log.stream()
					.anyMatch((line) -> line.contains("chat: connection from 127.0.0.1:")
							&& line.contains("refused (handshake)")));
		}
		finally {
			server.destroy();
			if (!server.waitFor(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	/** The first fenced block of that language after the heading that starts so, without its last line break. */
	private static String block(String page, String heading, String language) {
		int at = page.indexOf("\n" + heading);
		assertThat(at).as(RECIPE + " has no heading " + heading).isNotNegative();
		String fence = "```" + language + "\n";
		int start = page.indexOf(fence, at);
		int end = page.indexOf("\n```", start + fence.length());
		assertThat(start).as(RECIPE + ": no " + language + " block under " + heading).isNotNegative();
		String block = page.substring(start + fence.length(), end);
		assertThat(block).isNotBlank();
		return block;
	}

	/** The page's ncat and openssl commands name the default ports; here the server listens on others. */
	private static String pointedAt(String command, Map<String, String> ports) {
		Matcher port = DEFAULT_PORT.matcher(command);
		StringBuilder pointed = new StringBuilder();
		while (port.find()) {
			port.appendReplacement(pointed, ports.get(SERVICES[Integer.parseInt(port.group(1))]));
		}
		return port.appendTail(pointed).toString();
	}

	private static Map<String, String> ports(List<String> log) {
		Map<String, String> ports = new HashMap<>();
		for (String line : log) {
			Matcher listening = LISTENING.matcher(line);
			while (listening.find()) {
				ports.put(listening.group(1), listening.group(2));
			}
		}
		assertThat(ports).as(String.join("\n", log)).containsOnlyKeys(SERVICES);
		return ports;
	}

	private static Process start(Path directory, String script, Map<String, String> environment) throws IOException {
		return start(directory, script, environment, true);
	}

	private static Process start(Path directory, String script, Map<String, String> environment, boolean mixed)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(directory.toFile())
			.redirectErrorStream(mixed);
		builder.environment().putAll(environment);
		// The commands say "java": this JVM's.
		builder.environment()
			.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
		return builder.start();
	}

	private static Result bash(Path directory, String script, Map<String, String> environment) throws Exception {
		Process process = start(directory, "set -e\n" + script, environment, false);
		process.getOutputStream().close();
		CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
		CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
		assertThat(process.waitFor(Listeners.TIMEOUT.toSeconds() * 6, TimeUnit.SECONDS)).as(script).isTrue();
		return new Result(process.exitValue(), out.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS),
				err.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
	}

	private static String read(InputStream stream) {
		try {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "output read failed: " + ex;
		}
	}

	private static void readLines(Process app, List<String> log) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
			lines.lines().forEach(log::add);
		}
		catch (IOException ex) {
			log.add("log read failed: " + ex);
		}
	}

	/** A command's exit status, standard output and standard error. */
	private record Result(int status, String out, String err) {
	}

}
