package io.socketflows.bench;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * The machine-readable result: one line of {@code key=value} pairs, as the C load generator prints it.
 */
final class Line {

	private final StringBuilder line = new StringBuilder("bench");

	Line put(String key, Object value) {
		this.line.append(' ').append(key).append('=').append(value);
		return this;
	}

	Line put(String key, double value, int decimals) {
		return put(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
	}

	/** Adds p50, p99, p99.9, max and mean in microseconds. */
	Line latency(Histogram latency) {
		return put("p50_us", micros(latency.getValueAtPercentile(50)), 1)
			.put("p99_us", micros(latency.getValueAtPercentile(99)), 1)
			.put("p999_us", micros(latency.getValueAtPercentile(99.9)), 1)
			.put("max_us", micros(latency.getMaxValue()), 1)
			.put("mean_us", (latency.getTotalCount() > 0) ? latency.getMean() / 1000 : 0, 1);
	}

	static double micros(long nanos) {
		return nanos / 1000.0;
	}

	@Override
	public String toString() {
		return this.line.toString();
	}

}
