package io.socketflows.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * Everything a client waits for, on one channel, in the order it happened: the server's replies (its inbound
 * flow ends here), the close of its connection, and its standard input, read on a thread of its own so that a
 * blocked read never keeps the client from seeing a reply or a close.
 */
public final class ClientInbox {

	private final QueueChannel events = new QueueChannel();

	/**
	 * A payload of bytes arriving here is a {@link Reply}. (A flow that wrapped it in a lambda would load the
	 * JSON message converter into every client's start.)
	 * @return the channel a client's inbound flow ends in
	 */
	public MessageChannel channel() {
		return this.events;
	}

	/** @param event what happened */
	public void put(Event event) {
		this.events.send(new GenericMessage<>(event));
	}

	/**
	 * @param timeout how long to wait
	 * @return the next event, or {@code null} when nothing happened within the timeout
	 */
	public Event next(Duration timeout) {
		Message<?> message = this.events.receive(timeout.toMillis());
		if (message == null) {
			return null;
		}
		return (message.getPayload() instanceof byte[] bytes) ? new Reply(bytes) : (Event) message.getPayload();
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
	public sealed interface Event permits Reply, Closed, Input, EndOfInput {

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
