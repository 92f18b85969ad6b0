package io.socketflows.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.socketflows.ClientMode;
import io.socketflows.client.ClientStreams;

/**
 * One client run in this JVM, as {@code java -jar socket-flows.jar client ...} runs it, on streams the test
 * holds: its exit status, its standard output (bytes) and standard error.
 */
public final class ClientRun {

	private static final String ADDITIONAL_LOCATION = "spring.config.additional-location";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final CompletableFuture<Integer> status;

	private ClientRun(InputStream in, String... args) {
		ClientStreams streams = new ClientStreams(in, this.out, new PrintStream(this.err, true, StandardCharsets.UTF_8));
		// A thread of its own: the common pool may have one thread, which a raw server would hold.
		this.status = CompletableFuture.supplyAsync(() -> ClientMode.execute(streams, args),
				(task) -> new Thread(task, "client").start());
	}

	/** Runs {@code client args...} with nothing on standard input, to its end. */
	public static ClientRun run(String... args) {
		return run(new byte[0], args);
	}

	/** Runs {@code client args...} with {@code in} on standard input, to its end. */
	public static ClientRun run(byte[] in, String... args) {
		ClientRun run = start(new ByteArrayInputStream(in), args);
		run.status();
		return run;
	}

	/**
	 * Runs {@code client args...} with a configuration file of the user's, {@code application.yml} in
	 * {@code directory}, read as {@code spring.config.additional-location} names it (for this run only).
	 * @param directory an empty directory of the test's
	 * @param applicationYaml the file's content
	 * @param args the client's arguments
	 * @return the ended run
	 */
	public static ClientRun runConfigured(Path directory, String applicationYaml, String... args) {
		return runConfigured(directory, applicationYaml, new byte[0], args);
	}

	/** As {@link #runConfigured(Path, String, String...)}, with {@code in} on standard input. */
	public static ClientRun runConfigured(Path directory, String applicationYaml, byte[] in, String... args) {
		try {
			Files.writeString(directory.resolve("application.yml"), applicationYaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.setProperty(ADDITIONAL_LOCATION, directory.toUri().toString());
		try {
			return run(in, args);
		}
		finally {
			System.clearProperty(ADDITIONAL_LOCATION);
		}
	}

	/** Starts {@code client args...}, reading {@code in}; the test talks to it while it runs. */
	public static ClientRun start(InputStream in, String... args) {
		return new ClientRun(in, args);
	}

	/** @return the arguments of a client of {@code service} for a server on the loopback, and {@code more} */
	public static String[] args(String service, int port, String... more) {
		return Stream.concat(Stream.of(service, "--host", "127.0.0.1", "--port", String.valueOf(port)),
				Arrays.stream(more)).toArray(String[]::new);
	}

	/** @return the exit status, once the client has ended */
	public int status() {
		try {
			return this.status.get(Listeners.TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("client did not end: " + err(), ex);
		}
	}

	public byte[] stdout() {
		return this.out.toByteArray();
	}

	public String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	public String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "exit " + (this.status.isDone() ? this.status.join() : "(running)") + ", stdout: " + out()
				+ ", stderr: " + err();
	}

}
