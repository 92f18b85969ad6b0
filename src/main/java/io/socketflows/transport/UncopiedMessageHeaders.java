package io.socketflows.transport;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageHeaders;

/**
 * A message's headers made of an immutable map that they keep rather than copy, and the message's own id and
 * timestamp. {@link MessageHeaders} copies the map it is given into a new one for each message, and that copy showed
 * in the profiles of small echoes and datagrams. A Netty connection's messages share its map (its id, addresses and
 * port), and a datagram's is built once, for it alone. As immutable as any {@code MessageHeaders}: the map cannot
 * change.
 * <p>
 * The map of the superclass stays empty, so a plain {@code MessageHeaders} never equals these (its
 * {@code equals} compares the two maps of the superclass); these equal any headers with the same entries.
 */
public final class UncopiedMessageHeaders extends MessageHeaders {

	private static final long serialVersionUID = 1L;

	private final Map<String, Object> shared;

	private final UUID id;

	private final Long timestamp;

	/**
	 * @param shared immutable (as {@link Map#of}'s), without {@link #ID} or {@link #TIMESTAMP}
	 */
	public UncopiedMessageHeaders(Map<String, Object> shared) {
		super(null, ID_VALUE_NONE, -1L);
		this.shared = shared;
		this.id = getIdGenerator().generateId();
		this.timestamp = System.currentTimeMillis();
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

	/** Only Spring's own mutable headers write their raw map; these have none to write. */
	@Override
	protected Map<String, Object> getRawHeaders() {
		return Collections.unmodifiableMap(all());
	}

	/** As every {@link Map}'s: the same entries. */
	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof Map<?, ?> map && entrySet().equals(map.entrySet()));
	}

	@Override
	public int hashCode() {
		return this.shared.hashCode() + (ID.hashCode() ^ this.id.hashCode())
				+ (TIMESTAMP.hashCode() ^ this.timestamp.hashCode());
	}

	@Override
	public String toString() {
		return all().toString();
	}

	private Map<String, Object> all() {
		Map<String, Object> all = new HashMap<>(this.shared);
		all.put(ID, this.id);
		all.put(TIMESTAMP, this.timestamp);
		return all;
	}

}
