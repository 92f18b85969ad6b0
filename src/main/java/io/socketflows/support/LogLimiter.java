package io.socketflows.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Lets a few log lines a second through and says how many it held back, so per-connection logging cannot become
 * the bottleneck under load. One call per line, with its level: {@code limiter.warn(logger, "{}: refused", id)};
 * the count held back is logged at the level of the line that reports it.
 */
public final class LogLimiter {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private static final String HELD_BACK = "{} similar log lines were not logged in the last second";

	private final int perSecond;

	private final AtomicLong windowStart = new AtomicLong(System.nanoTime());

	private final AtomicLong inWindow = new AtomicLong();

	/** Striped: a flood that is held back counts on every thread without contending for one cache line. */
	private final LongAdder suppressed = new LongAdder();

	/** @param perSecond how many lines a second go through */
	public LogLimiter(int perSecond) {
		this.perSecond = perSecond;
	}

	/**
	 * Logs at INFO unless the limit is reached.
	 * @param logger the logger
	 * @param format an SLF4J format
	 * @param arguments its arguments, a Throwable last for its stack trace
	 */
	public void info(Logger logger, String format, Object... arguments) {
		log(logger, Level.INFO, format, arguments);
	}

	/**
	 * Logs at WARN unless the limit is reached.
	 * @param logger the logger
	 * @param format an SLF4J format
	 * @param arguments its arguments, a Throwable last for its stack trace
	 */
	public void warn(Logger logger, String format, Object... arguments) {
		log(logger, Level.WARN, format, arguments);
	}

	/**
	 * Logs at ERROR unless the limit is reached.
	 * @param logger the logger
	 * @param format an SLF4J format
	 * @param arguments its arguments, a Throwable last for its stack trace
	 */
	public void error(Logger logger, String format, Object... arguments) {
		log(logger, Level.ERROR, format, arguments);
	}

	private void log(Logger logger, Level level, String format, Object... arguments) {
		// A level that is off costs neither a line nor a count.
		if (logger.isEnabledForLevel(level)
				&& allowed((held) -> logger.atLevel(level).log(HELD_BACK, held))) {
			logger.atLevel(level).log(format, arguments);
		}
	}

	/** @return whether a line may go now; when a new window opens, first reports how many were held back */
	private boolean allowed(LongConsumer heldBack) {
		long now = System.nanoTime();
		long start = this.windowStart.get();
		if (now - start >= WINDOW_NANOS && this.windowStart.compareAndSet(start, now)) {
			this.inWindow.set(0);
			long held = this.suppressed.sumThenReset();
			if (held > 0) {
				heldBack.accept(held);
			}
		}
		// Past the limit the window's count is only read, never written, until the next window.
		if (this.inWindow.get() < this.perSecond && this.inWindow.incrementAndGet() <= this.perSecond) {
			return true;
		}
		this.suppressed.increment();
		return false;
	}

}
