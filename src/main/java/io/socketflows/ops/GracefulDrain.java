package io.socketflows.ops;

import java.time.Duration;

import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On stop (SIGTERM), before the Spring Integration endpoints close every connection at once: refuse new
 * clients, keep serving the open connections until they finish or {@code sockets.shutdown.drain-timeout}
 * passes. Readiness already refuses traffic: Boot publishes that as the context starts closing.
 */
@Component
class GracefulDrain implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GracefulDrain.class);

	private final SocketListeners listeners;

	private final Duration timeout;

	private volatile boolean running;

	GracefulDrain(SocketListeners listeners, SocketsProperties sockets) {
		this.listeners = listeners;
		this.timeout = sockets.shutdown().drainTimeout();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.listeners.all().forEach(SocketListener::refuseNewClients);
		int open = openConnections();
		if (open == 0) {
			return;
		}
		logger.info("Draining {} open connection(s) for up to {} s", open, this.timeout.toSeconds());
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (openConnections() > 0 && System.nanoTime() < deadline) {
			try {
				// Connections close on their clients' schedule: look again shortly.
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		int left = openConnections();
		if (left > 0) {
			logger.warn("Drain timeout: closing {} connection(s) still open", left);
		}
		else {
			logger.info("Drained: every connection finished");
		}
	}

	private int openConnections() {
		return this.listeners.openConnections();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stopped before the listeners' endpoints (Integer.MAX_VALUE / 2) and before the web server's graceful
	 * shutdown (Integer.MAX_VALUE - 1024), so health stays reachable while connections drain.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 512;
	}

}
