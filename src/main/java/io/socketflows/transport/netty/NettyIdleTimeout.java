package io.socketflows.transport.netty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.socketflows.support.LogLimiter;
import io.socketflows.transport.ConnectionClosedByServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a factory's connections that carried no byte in either direction for the idle timeout, with a
 * {@link ConnectionClosedByServerEvent} ({@code idle}); bytes still leaving for a slow reader count as traffic.
 * <p>
 * Netty's {@code IdleStateHandler} would do, but it turns every write's void promise into a real one with a
 * listener, an allocation and a notification per reply on the hot path, and costs each connection a handler and a
 * scheduled task. Here each event loop checks all its connections a few times per timeout (at most once a
 * second): a connection keeps two numbers, its last traffic and its output's progress, and an idle one is closed
 * within a quarter of the timeout (a second at most) after it.
 */
final class NettyIdleTimeout {

	/** Often enough for a short timeout (tests use half a second), rarely enough to cost nothing. */
	private static final Duration SHORTEST_PERIOD = Duration.ofMillis(10);

	private static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(NettyIdleTimeout.class);

	private static final LogLimiter failureLog = new LogLimiter(1);

	private final List<Future<?>> checks = new ArrayList<>();

	/**
	 * Starts checking on every event loop.
	 * @param timeout the idle timeout, positive
	 * @param workers the event loops of the connections
	 * @param connections the factory's open connections, read at each check
	 */
	NettyIdleTimeout(Duration timeout, EventLoopGroup workers, Supplier<Iterable<NettyTcpConnection>> connections) {
		long timeoutNanos = timeout.toNanos();
		long period = Math.max(SHORTEST_PERIOD.toNanos(), Math.min(timeoutNanos / 4, LONGEST_PERIOD.toNanos()));
		for (EventExecutor loop : workers) {
			this.checks.add(loop.scheduleAtFixedRate(() -> check(loop, connections.get(), timeoutNanos), period,
					period, TimeUnit.NANOSECONDS));
		}
	}

	/** On an event loop: its own connections only, so that each is checked on the thread that serves it. */
	private static void check(EventExecutor loop, Iterable<NettyTcpConnection> connections, long timeoutNanos) {
		try {
			long now = System.nanoTime();
			for (NettyTcpConnection connection : connections) {
				if (connection.channel().eventLoop() == loop) {
					try {
						connection.closeIfIdle(now, timeoutNanos);
					}
					catch (RuntimeException ex) {
						// One connection's failure must not end the checks of all the others.
						connection.closeAfter(ex);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// A periodic task that throws is never run again: this loop's connections would never be closed idle.
			failureLog.error(log, "Idle timeout check failed; it runs again in its next period", ex);
		}
	}

	void stop() {
		this.checks.forEach((check) -> check.cancel(false));
	}

}
