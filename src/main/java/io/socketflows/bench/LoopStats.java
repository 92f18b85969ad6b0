package io.socketflows.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

/**
 * What one event loop counted: written by that loop's thread only, read through a task on it, so the hot path
 * needs no atomic and no lock.
 */
final class LoopStats {

	/** A latency above a minute is recorded as a minute. */
	static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

	final EventLoop loop;

	final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);

	/** The connections or sockets of this loop, for the end of the run and the UDP timeouts. */
	final List<Endpoint> endpoints = new ArrayList<>();

	/** Whether answers count: false during the warm-up and after the measured window. */
	boolean measuring;

	/** Whether an answer may be followed by a new request; false once the measured window is over. */
	boolean sending = true;

	final Counts counts = new Counts();

	LoopStats(EventLoop loop) {
		this.loop = loop;
	}

	/** @return whether the run is in its warm-up, whose UDP losses are counted apart, as a cold server's */
	boolean warmingUp() {
		return this.sending && !this.measuring;
	}

	void answered(long sentAt, long now, int size) {
		this.counts.answers++;
		if (this.measuring) {
			this.counts.requests++;
			this.counts.bytes += size;
			this.counts.lastAnswerNanos = now;
			this.latency.recordValue(Math.min(Math.max(now - sentAt, 0), MAX_LATENCY_NANOS));
		}
	}

	/** A connection or a socket of the run. */
	interface Endpoint {

		/** @return requests sent and not answered */
		int outstanding();

		/** Counts what is still outstanding as lost and closes, without counting a drop. */
		void finish();

	}

	/** The counters, summed over loops for the report. */
	static final class Counts {

		long answers;

		long requests;

		long bytes;

		long errors;

		long mismatches;

		long lost;

		long warmupLost;

		long late;

		long reordered;

		long dropped;

		long lastAnswerNanos;

		Counts copy() {
			Counts copy = new Counts();
			copy.add(this);
			return copy;
		}

		void add(Counts other) {
			this.answers += other.answers;
			this.requests += other.requests;
			this.bytes += other.bytes;
			this.errors += other.errors;
			this.mismatches += other.mismatches;
			this.lost += other.lost;
			this.warmupLost += other.warmupLost;
			this.late += other.late;
			this.reordered += other.reordered;
			this.dropped += other.dropped;
			this.lastAnswerNanos = Math.max(this.lastAnswerNanos, other.lastAnswerNanos);
		}

	}

}
