package io.socketflows.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.socketflows.support.LogLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * Conversation numbers from the cluster's Redis counter, a few taken ahead: a client's connection is opened on an
 * event loop, which must not wait for Redis. While Redis cannot be reached a conversation gets a negative number
 * of this pod's own: it stays this pod's, out of the registry.
 */
final class ClusterIds {

	/** Taken ahead by the cluster's thread; a burst beyond them asks Redis on the spot. */
	static final int RESERVE = 4;

	private static final Logger logger = LoggerFactory.getLogger(ClusterIds.class);

	private final LogLimiter limiter = new LogLimiter(10);

	private final Deque<Long> reserved = new ArrayDeque<>();

	private final AtomicLong local = new AtomicLong();

	private final AtomicLong highest = new AtomicLong();

	private final ClusterRegistry registry;

	private final BooleanSupplier reachable;

	/**
	 * @param registry where the counter is
	 * @param reachable whether Redis answered last time: if not, no new id is asked of it on an event loop
	 */
	ClusterIds(ClusterRegistry registry, BooleanSupplier reachable) {
		this.registry = registry;
		this.reachable = reachable;
	}

	/** @return the number of a new conversation */
	long next() {
		Long id;
		synchronized (this.reserved) {
			id = this.reserved.poll();
		}
		if (id == null && this.reachable.getAsBoolean()) {
			try {
				id = this.registry.nextId();
			}
			catch (DataAccessException ex) {
				if (this.limiter.allow(logger::warn)) {
					logger.warn("Chat cluster: no conversation number from Redis, this pod numbers it: "
							+ ex.getMessage());
				}
			}
		}
		if (id == null) {
			return -this.local.incrementAndGet();
		}
		this.highest.accumulateAndGet(id, Math::max);
		return id;
	}

	/** On the cluster's thread: takes numbers ahead until the reserve is full. */
	void refill() {
		while (size() < RESERVE) {
			long id = this.registry.nextId();
			synchronized (this.reserved) {
				this.reserved.addLast(id);
			}
		}
		// The reserve's numbers and those in use must stay ahead of a counter that Redis lost.
		synchronized (this.reserved) {
			Long last = this.reserved.peekLast();
			if (last != null) {
				this.highest.accumulateAndGet(last, Math::max);
			}
		}
		this.registry.raiseIds(this.highest.get());
	}

	private int size() {
		synchronized (this.reserved) {
			return this.reserved.size();
		}
	}

}
