package io.socketflows.chat.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One connected chat client and the last messages exchanged with it.
 */
public final class Conversation {

	private final long id;

	private final String connectionId;

	private final String remote;

	private final Instant openedAt;

	private final int history;

	private final Deque<ChatMessage> messages = new ArrayDeque<>();

	Conversation(long id, String connectionId, String remote, int history) {
		this.id = id;
		this.openedAt = Instant.now();
		this.connectionId = connectionId;
		this.remote = remote;
		this.history = history;
	}

	public long id() {
		return this.id;
	}

	public String connectionId() {
		return this.connectionId;
	}

	public String remote() {
		return this.remote;
	}

	public Instant openedAt() {
		return this.openedAt;
	}

	/** Keeps the bytes as they went through: the text is for reading, the bytes are what was sent. */
	synchronized ChatMessage record(ChatMessage.From from, byte[] bytes) {
		if (this.messages.size() == this.history) {
			this.messages.removeFirst();
		}
		ChatMessage message = new ChatMessage(from, new String(bytes, StandardCharsets.UTF_8), bytes.clone(),
				Instant.now());
		this.messages.addLast(message);
		return message;
	}

	public synchronized List<ChatMessage> messages() {
		return List.copyOf(this.messages);
	}

	@Override
	public String toString() {
		return "#" + this.id + " " + this.remote;
	}

	/**
	 * One message of a conversation.
	 *
	 * @param from who wrote it
	 * @param text what was written, read as UTF-8 (an invalid byte becomes U+FFFD)
	 * @param bytes what was written, byte for byte (base64 in JSON)
	 * @param at when it went through
	 */
	public record ChatMessage(From from, String text, byte[] bytes, Instant at) {

		/** Who wrote a message. */
		public enum From {

			CLIENT, OPERATOR

		}

	}

}
