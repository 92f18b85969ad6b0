package io.socketflows.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.MessageHandler;

/**
 * Everything a client waits for, in one queue, in the order it happened: the server's replies (its inbound
 * flow ends here), the close of its connection (or its failure), and its standard input, read on a thread of its own so that a
 * blocked read never keeps the client from seeing a reply or a close.
 */
public final class ClientInbox {

	/**
	 * A queue, not a channel of the client's context: standard input may end after the context has closed, and a
	 * channel would refuse the event then.
	 */
	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	/**
	 * A handler rather than a transformer: a lambda transformer would load the JSON message converter into every
	 * client's start.
	 * @return where a client's inbound flow ends: each payload one {@link Reply}
	 */
	public MessageHandler replies() {
		return (message) -> put(new Reply((byte[]) message.getPayload()));
	}

	/** @param event what happened */
	public void put(Event event) {
		this.events.add(event);
	}

	/**
	 * @param timeout how long to wait
	 * @return the next event, or {@code null} when nothing happened within the timeout
	 * @throws ClientFailure when the connection failed (a TLS alert, a reset): the client ends with its reason
	 */
	public Event next(Duration timeout) throws InterruptedException {
		Event event = this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (event instanceof Failed failed) {
			throw failed.failure();
		}
		return event;
	}

	/**
	 * Waits for the close of the connection, as after a send that found it closed: the reason comes first if it
	 * failed rather than closed.
	 * @param timeout how long to wait for each event
	 * @throws ClientFailure when the connection failed
	 */
	public void awaitClose(Duration timeout) throws InterruptedException {
		for (Event event = next(timeout); event != null && !(event instanceof Closed); event = next(timeout)) {
			// what else came is of no use once the connection is gone
		}
	}

	/**
	 * Reads {@code in} to its end on a daemon thread (standard input cannot be interrupted), each line or chunk an
	 * {@link Input}, then an {@link EndOfInput}. The stream is not closed: it belongs to the process.
	 * @param in what to read
	 * @param lines whether each line (without its line break) is one input; else each read of up to
	 * {@code chunkSize} bytes
	 * @param chunkSize the largest chunk
	 */
	public void readInput(InputStream in, boolean lines, int chunkSize) {
		Thread reader = new Thread(() -> {
			try {
				if (lines) {
					BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
					for (String line = text.readLine(); line != null; line = text.readLine()) {
						put(new Input(line.getBytes(StandardCharsets.UTF_8)));
					}
				}
				else {
					byte[] buffer = new byte[chunkSize];
					for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
						put(new Input(Arrays.copyOf(buffer, read)));
					}
				}
			}
			catch (IOException ex) {
				// The end of input, as far as this client goes.
			}
			finally {
				put(new EndOfInput());
			}
		}, "client-stdin");
		reader.setDaemon(true);
		reader.start();
	}

	/** What a client waits for. */
	public sealed interface Event permits Reply, Closed, Failed, Input, EndOfInput {

	}

	/**
	 * One message from the server.
	 *
	 * @param bytes its payload
	 */
	public record Reply(byte[] bytes) implements Event {

	}

	/** The connection closed. */
	public record Closed() implements Event {

	}

	/**
	 * The connection failed rather than closed, just before its {@link Closed}; {@link #next(Duration)} throws it.
	 *
	 * @param failure the reason, as the client reports it
	 */
	public record Failed(ClientFailure failure) implements Event {

	}

	/**
	 * One line or chunk of standard input.
	 *
	 * @param bytes what was read
	 */
	public record Input(byte[] bytes) implements Event {

	}

	/** The end of standard input. */
	public record EndOfInput() implements Event {

	}

}
