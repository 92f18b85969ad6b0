package io.socketflows.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Lets a few log lines a second through and says how many it held back, so per-connection logging cannot become
 * the bottleneck under load.
 */
public final class LogLimiter {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private final int perSecond;

	private final AtomicLong windowStart = new AtomicLong(System.nanoTime());

	private final AtomicLong inWindow = new AtomicLong();

	private final AtomicLong suppressed = new AtomicLong();

	/** @param perSecond how many lines a second go through */
	public LogLimiter(int perSecond) {
		this.perSecond = perSecond;
	}

	/**
	 * @param warn where the count of lines held back goes
	 * @return whether a line may be logged now; when a new window opens, first logs the count held back
	 */
	public boolean allow(Consumer<String> warn) {
		long now = System.nanoTime();
		long start = this.windowStart.get();
		if (now - start >= WINDOW_NANOS && this.windowStart.compareAndSet(start, now)) {
			this.inWindow.set(0);
			long held = this.suppressed.getAndSet(0);
			if (held > 0) {
				warn.accept(held + " similar log lines were not logged in the last second");
			}
		}
		if (this.inWindow.incrementAndGet() <= this.perSecond) {
			return true;
		}
		this.suppressed.incrementAndGet();
		return false;
	}

}
