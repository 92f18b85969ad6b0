package io.socketflows.chat.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The cluster's conversations in Redis: one key per conversation (JSON, with an expiry its pod refreshes), an
 * index set of their numbers, and the counter that numbers them. Every call may throw Spring's
 * {@code DataAccessException} when Redis cannot be reached.
 */
final class ClusterRegistry {

	/** Raises the counter to at least the given number: a Redis restarted empty must not hand out ids in use. */
	private static final RedisScript<Long> RAISE = RedisScript.of("""
			local last = tonumber(redis.call('GET', KEYS[1]) or '0')
			if last < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
			return last""", Long.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Duration expiry;

	private final String ids;

	private final String index;

	private final String entryPrefix;

	ClusterRegistry(StringRedisTemplate redis, JsonMapper json, String clusterName, Duration expiry) {
		this.redis = redis;
		this.json = json;
		this.expiry = expiry;
		this.ids = clusterName + ":chat:ids";
		this.index = clusterName + ":chat:conversations";
		this.entryPrefix = clusterName + ":chat:conversation:";
	}

	/** @return a new conversation number, unique across the cluster */
	long nextId() {
		Long id = this.redis.opsForValue().increment(this.ids);
		if (id == null) {
			throw new IllegalStateException("INCR " + this.ids + " answered nothing");
		}
		return id;
	}

	/** @return the last number handed out, 0 before the first */
	long lastId() {
		String last = this.redis.opsForValue().get(this.ids);
		return (last != null) ? Long.parseLong(last) : 0;
	}

	void raiseIds(long atLeast) {
		this.redis.execute(RAISE, List.of(this.ids), Long.toString(atLeast));
	}

	/** Writes the entries and restarts their expiry, in one round trip (a pod's tick writes all of its own). */
	void save(List<ClusterEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			byte[] index = bytes(this.index);
			for (ClusterEntry entry : entries) {
				connection.stringCommands()
					.pSetEx(bytes(key(entry.id())), this.expiry.toMillis(), bytes(this.json.writeValueAsString(entry)));
				connection.setCommands().sAdd(index, bytes(Long.toString(entry.id())));
			}
			return null;
		});
	}

	void remove(long id) {
		this.redis.delete(key(id));
		this.redis.opsForSet().remove(this.index, Long.toString(id));
	}

	Optional<ClusterEntry> find(long id) {
		return Optional.ofNullable(this.redis.opsForValue().get(key(id))).map(this::read);
	}

	/** @return every live entry, oldest first; the numbers of expired ones leave the index */
	List<ClusterEntry> list() {
		Set<String> members = this.redis.opsForSet().members(this.index);
		if (members == null || members.isEmpty()) {
			return List.of();
		}
		List<String> numbers = new ArrayList<>(members);
		List<String> values = this.redis.opsForValue().multiGet(numbers.stream().map(this::key).toList());
		List<ClusterEntry> entries = new ArrayList<>(numbers.size());
		List<String> expired = new ArrayList<>();
		for (int i = 0; i < numbers.size(); i++) {
			String value = (values != null) ? values.get(i) : null;
			if (value != null) {
				entries.add(read(value));
			}
			else {
				expired.add(numbers.get(i));
			}
		}
		if (!expired.isEmpty()) {
			this.redis.opsForSet().remove(this.index, expired.toArray());
		}
		entries.sort(Comparator.comparingLong(ClusterEntry::id));
		return entries;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private ClusterEntry read(String value) {
		return this.json.readValue(value, ClusterEntry.class);
	}

	private String key(long id) {
		return this.entryPrefix + id;
	}

	private String key(String id) {
		return this.entryPrefix + id;
	}

}
