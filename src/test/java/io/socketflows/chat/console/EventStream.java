package io.socketflows.chat.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.socketflows.testsupport.Listeners;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one console stream, read as a browser's EventSource reads them, on a thread of their own as they
 * come.
 */
public final class EventStream implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final InputStream body;

	public EventStream(InputStream body) {
		this.body = body;
		Thread reader = new Thread(this::read, "sse-test-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private void read() {
		BufferedReader lines = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8));
		String id = null;
		String name = "message";
		StringBuilder data = new StringBuilder();
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					if (id != null) {
						this.events.add(new Event(id, name, json.readTree(data.toString())));
					}
					id = null;
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6);
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
		}
		catch (IOException ex) {
			// Closed by the test.
		}
	}

	/** The next event that matches, the others skipped. */
	public Event next(Predicate<Event> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + Listeners.TIMEOUT.toNanos();
		for (;;) {
			Event event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			assertThat(event).as("an event within " + Listeners.TIMEOUT).isNotNull();
			if (wanted.test(event)) {
				return event;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.body.close();
	}

	/**
	 * One server-sent event, its data parsed.
	 *
	 * @param id its id
	 * @param name its name
	 * @param data its data
	 */
	public record Event(String id, String name, JsonNode data) {
	}

}
