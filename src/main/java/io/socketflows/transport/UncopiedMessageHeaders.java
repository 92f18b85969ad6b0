package io.socketflows.transport;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageHeaders;
import org.springframework.util.Assert;

/**
 * A message's headers made of an immutable map that they keep rather than copy, and the message's own id and
 * timestamp. {@link MessageHeaders} copies the map it is given into a new one for each message, and that copy showed
 * in the profiles of small echoes and datagrams. A Netty connection's messages share its map (its id, addresses and
 * port, checked once as {@link Shared}), and a datagram's is built once, for it alone. As immutable as any
 * {@code MessageHeaders}.
 * <p>
 * Like {@code MessageHeaders}, which equal only other {@code MessageHeaders} with their map, these equal only
 * others of their kind with the same entries (a copy of these, ids being unique): the map of the superclass (its
 * {@code getRawHeaders()}, which only subclasses read) stays empty, so a plain {@code MessageHeaders} could not tell. Java serialization leaves out the values that are not
 * {@link Serializable}, as {@code MessageHeaders} does.
 */
public final class UncopiedMessageHeaders extends MessageHeaders {

	private static final long serialVersionUID = 1L;

	private final Map<String, Object> shared;

	private final UUID id;

	private final Long timestamp;

	/**
	 * @param shared the headers every message built on it has, checked once
	 */
	public UncopiedMessageHeaders(Shared shared) {
		this(shared.headers, getIdGenerator().generateId(), System.currentTimeMillis());
	}

	private UncopiedMessageHeaders(Map<String, Object> shared, UUID id, Long timestamp) {
		super(null, ID_VALUE_NONE, -1L);
		this.shared = shared;
		this.id = id;
		this.timestamp = timestamp;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	@Override
	public Long getTimestamp() {
		return this.timestamp;
	}

	@Override
	public @Nullable Object get(@Nullable Object key) {
		if (ID.equals(key)) {
			return this.id;
		}
		if (TIMESTAMP.equals(key)) {
			return this.timestamp;
		}
		// Map.of's maps throw on a null key; a MessageHeaders answers null.
		return (key != null) ? this.shared.get(key) : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Class<T> type) {
		Object value = get(key);
		if (value == null) {
			return null;
		}
		if (!type.isAssignableFrom(value.getClass())) {
			throw new IllegalArgumentException("Incorrect type specified for header '" + key + "'. Expected [" + type
					+ "] but actual type is [" + value.getClass() + "]");
		}
		return (T) value;
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return key != null && (ID.equals(key) || TIMESTAMP.equals(key) || this.shared.containsKey(key));
	}

	@Override
	public boolean containsValue(@Nullable Object value) {
		return value != null
				&& (this.id.equals(value) || this.timestamp.equals(value) || this.shared.containsValue(value));
	}

	@Override
	public void forEach(BiConsumer<? super String, ? super Object> action) {
		action.accept(ID, this.id);
		action.accept(TIMESTAMP, this.timestamp);
		this.shared.forEach(action);
	}

	@Override
	public Set<Map.Entry<String, Object>> entrySet() {
		return Collections.unmodifiableMap(all()).entrySet();
	}

	@Override
	public Set<String> keySet() {
		return Collections.unmodifiableSet(all().keySet());
	}

	@Override
	public Collection<Object> values() {
		return Collections.unmodifiableCollection(all().values());
	}

	@Override
	public int size() {
		return this.shared.size() + 2;
	}

	@Override
	public boolean isEmpty() {
		return false;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof UncopiedMessageHeaders that && this.id.equals(that.id)
				&& this.timestamp.equals(that.timestamp) && this.shared.equals(that.shared));
	}

	/** A {@link Map}'s hash code: that of a map with the same entries. */
	@Override
	public int hashCode() {
		return this.shared.hashCode() + (ID.hashCode() ^ this.id.hashCode())
				+ (TIMESTAMP.hashCode() ^ this.timestamp.hashCode());
	}

	@Override
	public String toString() {
		return all().toString();
	}

	/** Without the values that cannot be serialized (a UDP datagram's receiving channel), as MessageHeaders do. */
	@Serial
	private Object writeReplace() {
		boolean serializable = true;
		for (Object value : this.shared.values()) {
			serializable &= value instanceof Serializable;
		}
		if (serializable) {
			return this;
		}
		Map<String, Object> kept = new HashMap<>();
		this.shared.forEach((key, value) -> {
			if (value instanceof Serializable) {
				kept.put(key, value);
			}
		});
		return new UncopiedMessageHeaders(Map.copyOf(kept), this.id, this.timestamp);
	}

	private Map<String, Object> all() {
		Map<String, Object> all = new HashMap<>(this.shared);
		all.put(ID, this.id);
		all.put(TIMESTAMP, this.timestamp);
		return all;
	}

	/**
	 * Headers that every message built on them has: an immutable copy, checked once (a connection's, for all its
	 * messages) rather than for each message.
	 */
	public static final class Shared {

		private final Map<String, Object> headers;

		private Shared(Map<String, Object> headers) {
			this.headers = headers;
		}

		/**
		 * @param headers the headers, without {@link #ID} or {@link #TIMESTAMP}, which each message has its own of
		 * @return them, immutable ({@link Map#copyOf}: no copy of a map that already is)
		 */
		public static Shared of(Map<String, Object> headers) {
			Assert.notNull(headers, "headers must not be null");
			Assert.isTrue(!headers.containsKey(ID) && !headers.containsKey(TIMESTAMP),
					() -> "Each message has its own " + ID + " and " + TIMESTAMP + ": " + headers.keySet());
			return new Shared(Map.copyOf(headers));
		}

	}

}
