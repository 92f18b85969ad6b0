package io.socketflows.ops;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socketflows.testsupport.EchoStream;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, stopped with a real SIGTERM in the middle of an echo stream, as Kubernetes stops a pod.
 */
class SigtermIT {

	private static final Pattern ECHO_LISTENING = Pattern.compile("echo on tcp [^ ,]+:(\\d+)");

	@Test
	void drainsTheOpenConnectionAndExitsZero() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process app = new ProcessBuilder(java, "-jar", "target/socket-flows.jar", "--sockets.echo.port=0",
				"--sockets.ack.port=0", "--sockets.udp.port=0", "--sockets.chat.port=0", "--server.port=0",
				"--management.server.port=0", "--sockets.chat.operator=auto")
			.redirectErrorStream(true)
			.start();
		List<String> log = new CopyOnWriteArrayList<>();
		CompletableFuture.runAsync(() -> readLines(app, log));
		try {
			await().atMost(Listeners.TIMEOUT.multipliedBy(3))
				.until(() -> log.stream().anyMatch((line) -> ECHO_LISTENING.matcher(line).find()));
			int port = echoPort(log);
			Random random = new Random(5);
			ByteArrayOutputStream sent = new ByteArrayOutputStream();
			try (Socket client = Sockets.connect(port)) {
				CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> EchoStream.readToEnd(client));
				EchoStream.write(client, random, sent, 100);
				await().atMost(Listeners.TIMEOUT).until(() -> log.stream().anyMatch((line) -> line.contains("opened")));

				app.destroy(); // SIGTERM
				await().atMost(Listeners.TIMEOUT).until(() -> EchoStream.turnedAway(port));

				EchoStream.write(client, random, sent, 100);
				client.shutdownOutput();
				assertThat(echoed.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(sent.toByteArray());
			}
			assertThat(app.waitFor(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(app.exitValue()).as(String.join("\n", log)).isZero();
		}
		finally {
			app.destroyForcibly();
		}
	}

	private static int echoPort(List<String> log) {
		for (String line : log) {
			Matcher matcher = ECHO_LISTENING.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		return 0;
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

}
