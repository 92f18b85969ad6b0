package io.socketflows.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.IdGenerator;

/**
 * Message ids as random (version 4) UUIDs drawn from the calling thread's own generator. Spring's default draws
 * them from one {@code Random} that every event loop shares, and every message of every flow takes one.
 */
public final class ThreadLocalIdGenerator implements IdGenerator {

	@Override
	public UUID generateId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

}
