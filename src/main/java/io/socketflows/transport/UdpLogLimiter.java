package io.socketflows.transport;

import org.slf4j.Logger;

/**
 * Warns at most a few times a second, then says how many warnings it kept quiet.
 * <p>
 * A flood of bad datagrams must not turn into a flood of log lines: the event loop that writes them is the
 * one that answers every peer.
 */
final class UdpLogLimiter {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private static final int PER_WINDOW = 5;

	private final Logger logger;

	private long windowStart = System.nanoTime();

	private int logged;

	private long suppressed;

	UdpLogLimiter(Logger logger) {
		this.logger = logger;
	}

	/** Logs at WARN when the current second still has room, else only counts. */
	synchronized void warn(String format, Object... arguments) {
		long now = System.nanoTime();
		if (now - this.windowStart >= WINDOW_NANOS) {
			if (this.suppressed > 0) {
				this.logger.warn("{} more warnings not logged in the last {} s", this.suppressed,
						(now - this.windowStart) / WINDOW_NANOS);
			}
			this.windowStart = now;
			this.logged = 0;
			this.suppressed = 0;
		}
		if (this.logged < PER_WINDOW) {
			this.logged++;
			this.logger.warn(format, arguments);
		}
		else {
			this.suppressed++;
		}
	}

}
