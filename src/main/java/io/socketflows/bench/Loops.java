package io.socketflows.bench;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.HdrHistogram.Histogram;

/**
 * The run's event loops and what each counted; the main thread reads and steers them only through tasks on
 * them.
 */
final class Loops implements AutoCloseable {

	private final EventLoopGroup group;

	private final Map<EventExecutor, LoopStats> stats = new IdentityHashMap<>();

	Loops(NettyTransport transport, int threads) {
		this.group = transport.group(threads);
		for (EventExecutor executor : this.group) {
			this.stats.put(executor, new LoopStats((EventLoop) executor));
		}
	}

	EventLoopGroup group() {
		return this.group;
	}

	/** @return the counters of the loop a channel is registered with */
	LoopStats of(EventLoop loop) {
		return this.stats.get(loop);
	}

	/** Runs {@code action} on every loop, and waits until each ran it. */
	void each(Consumer<LoopStats> action) {
		ask((stats) -> {
			action.accept(stats);
			return null;
		});
	}

	/** @return what {@code question} answers on every loop */
	<T> List<T> ask(Function<LoopStats, T> question) {
		List<io.netty.util.concurrent.Future<T>> answers = new ArrayList<>();
		for (LoopStats stats : this.stats.values()) {
			answers.add(stats.loop.submit(() -> question.apply(stats)));
		}
		List<T> results = new ArrayList<>();
		try {
			for (io.netty.util.concurrent.Future<T> answer : answers) {
				results.add(answer.get(1, TimeUnit.MINUTES));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("an event loop did not answer", ex);
		}
		return results;
	}

	LoopStats.Counts counts() {
		LoopStats.Counts total = new LoopStats.Counts();
		ask((stats) -> stats.counts.copy()).forEach(total::add);
		return total;
	}

	Histogram latency() {
		Histogram total = new Histogram(LoopStats.MAX_LATENCY_NANOS, 3);
		ask((stats) -> stats.latency.copy()).forEach(total::add);
		return total;
	}

	/** @return requests in flight on the open connections or sockets */
	long outstanding() {
		return ask((stats) -> stats.endpoints.stream().mapToLong(LoopStats.Endpoint::outstanding).sum()).stream()
			.mapToLong(Long::longValue)
			.sum();
	}

	/** @return the open connections or sockets */
	long open() {
		return ask((stats) -> stats.endpoints.size()).stream().mapToLong(Integer::longValue).sum();
	}

	/** Counts what is in flight as lost and closes every connection or socket. */
	void finish() {
		each((stats) -> List.copyOf(stats.endpoints).forEach(LoopStats.Endpoint::finish));
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
