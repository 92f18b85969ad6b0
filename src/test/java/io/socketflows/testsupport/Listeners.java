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

	public static int port(AbstractServerConnectionFactory server) {
		await().atMost(TIMEOUT).until(server::isListening);
		return server.getPort();
	}

	public static int port(UdpServer server) {
		await().atMost(TIMEOUT).until(server::isListening);
		return server.getPort();
	}

}
