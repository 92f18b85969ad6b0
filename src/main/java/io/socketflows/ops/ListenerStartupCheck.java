package io.socketflows.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Waits, at start-up, until every enabled listener listens or has failed; with {@code sockets.fail-fast}
 * a failure stops the application naming every listener that failed (service, address and port: a second instance
 * learns all its taken ports at once), else each is only logged (and health shows it DOWN).
 */
@Component
class ListenerStartupCheck implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ListenerStartupCheck.class);

	/** Listeners bind on their own threads: give them this long. */
	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private final SocketListeners listeners;

	private final boolean failFast;

	private volatile boolean running;

	ListenerStartupCheck(SocketListeners listeners, SocketsProperties sockets) {
		this.listeners = listeners;
		this.failFast = sockets.failFast();
	}

	@Override
	public void start() {
		this.running = true;
		List<ListenerBindException.Failure> failures = new ArrayList<>();
		for (SocketListener listener : this.listeners.all()) {
			String failure = awaitListening(listener);
			if (failure == null) {
				// StartupSummary says it, with the others, once the application is ready.
				logger.debug("{} listening on {}", listener.service(), listener.describe());
			}
			else if (this.failFast) {
				failures.add(new ListenerBindException.Failure(listener, failure));
			}
			else {
				logger.error("{} could not listen on {}: {} (sockets.fail-fast is off: health shows it DOWN)",
						listener.service(), listener.describe(), failure);
			}
		}
		if (!failures.isEmpty()) {
			throw new ListenerBindException(failures);
		}
	}

	private static String awaitListening(SocketListener listener) {
		long deadline = System.nanoTime() + BIND_TIMEOUT.toNanos();
		while (!listener.isListening()) {
			if (listener.failure().isPresent()) {
				return listener.failure().get();
			}
			if (System.nanoTime() > deadline) {
				return "not listening after " + BIND_TIMEOUT.toSeconds() + " s";
			}
			try {
				// The factories signal a failure only by an event and a flag: poll them briefly.
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted while waiting";
			}
		}
		return null;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the Spring Integration endpoints, which start the listeners. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE / 2 + 1000;
	}

}
