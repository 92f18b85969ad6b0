package io.socketflows.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first few failures of a run, one line each on standard error; the counters keep the rest.
 */
final class Diagnostics {

	private static final int BUDGET = 10;

	private final AtomicInteger left = new AtomicInteger(BUDGET);

	private final PrintStream err;

	Diagnostics(PrintStream err) {
		this.err = err;
	}

	void report(String message) {
		int left = this.left.getAndDecrement();
		if (left > 0) {
			this.err.println("bench: " + message + ((left == 1) ? " (further diagnostics suppressed)" : ""));
		}
	}

}
