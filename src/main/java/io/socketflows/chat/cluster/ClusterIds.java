package io.socketflows.chat.cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.socketflows.support.LogLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation numbers from the cluster's Redis counter, a few taken ahead: a client's connection is opened on an
 * event loop, which must not wait for Redis. While Redis cannot be reached a conversation gets a negative number
 * of this pod's own: it stays this pod's, out of the registry.
 */
public final class ClusterIds {

	/** Taken ahead by the cluster's thread, refilled there once half are used. */
	static final int RESERVE = 32;

	private static final Logger logger = LoggerFactory.getLogger(ClusterIds.class);

	private final LogLimiter limiter = new LogLimiter(10);

	private final Deque<Long> reserved = new ArrayDeque<>();

	private final AtomicLong local = new AtomicLong();

	private final AtomicLong highest = new AtomicLong();

	private final ClusterRegistry registry;

	private final BooleanSupplier reachable;

	private final AtomicBoolean refillPending = new AtomicBoolean();

	/** The cluster's thread, where the reserve is refilled between ticks: never on an event loop. */
	private final Executor refiller;

	/**
	 * @param registry where the counter is
	 * @param reachable whether Redis answered last time: if not, no refill is asked for
	 * @param refiller the cluster's thread
	 */
	ClusterIds(ClusterRegistry registry, BooleanSupplier reachable, Executor refiller) {
		this.registry = registry;
		this.reachable = reachable;
		this.refiller = refiller;
	}

	/**
	 * On an event loop: never asks Redis. A reserve running low is refilled on the cluster's thread; an empty one
	 * (a burst faster than the refill, or Redis away) gives a number of this pod's own.
	 * @return the number of a new conversation
	 */
	public long next() {
		Long id;
		int left;
		synchronized (this.reserved) {
			id = this.reserved.poll();
			left = this.reserved.size();
		}
		if (left < RESERVE / 2 && this.reachable.getAsBoolean() && this.refillPending.compareAndSet(false, true)) {
			try {
				this.refiller.execute(() -> {
					try {
						refill();
					}
					catch (RuntimeException ex) {
						this.limiter.warn(logger, "Chat cluster: no conversation numbers from Redis: {}", ex.getMessage());
					}
					finally {
						this.refillPending.set(false);
					}
				});
			}
			catch (RuntimeException ex) {
				// Stopping: the pod numbers what is left.
				this.refillPending.set(false);
			}
		}
		if (id == null) {
			return -this.local.incrementAndGet();
		}
		this.highest.accumulateAndGet(id, Math::max);
		return id;
	}

	/**
	 * On the cluster's thread: first raises the counter past every number this pod has used or holds (Redis may
	 * have lost it, and would hand them out again), then takes numbers ahead until the reserve is full.
	 */
	void refill() {
		synchronized (this.reserved) {
			Long last = this.reserved.peekLast();
			if (last != null) {
				this.highest.accumulateAndGet(last, Math::max);
			}
		}
		this.registry.raiseIds(this.highest.get());
		while (size() < RESERVE) {
			long id = this.registry.nextId();
			synchronized (this.reserved) {
				this.reserved.addLast(id);
			}
			this.highest.accumulateAndGet(id, Math::max);
		}
	}

	private int size() {
		synchronized (this.reserved) {
			return this.reserved.size();
		}
	}

}
