package io.socketflows.testsupport;

import java.time.Duration;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import io.socketflows.transport.UdpServer;

import static org.awaitility.Awaitility.await;

/**
 * The ports the listeners really bound, once they listen.
 */
public final class Listeners {

	/** The one cap on every wait of the test suite. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private Listeners() {
	}

	/** Asks first, then waits: Awaitility's first poll comes after its 100 ms delay, once per call. */
	public static int port(AbstractServerConnectionFactory server) {
		if (!server.isListening()) {
			await().atMost(TIMEOUT).until(server::isListening);
		}
		return server.getPort();
	}

	public static int port(UdpServer server) {
		if (!server.isListening()) {
			await().atMost(TIMEOUT).until(server::isListening);
		}
		return server.getPort();
	}

}
