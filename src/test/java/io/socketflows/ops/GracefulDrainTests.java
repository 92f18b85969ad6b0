package io.socketflows.ops;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socketflows.testsupport.EchoStream;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.RunningApp;
import io.socketflows.support.SocketsProperties.Transport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop in the middle of traffic: the open connection is served to its end, new ones are turned away.
 */
class GracefulDrainTests {

	@Test
	void aStreamingClientGetsEveryByteBackWhileNewClientsAreTurnedAway() throws Exception {
		streamsThroughADrain(Transport.NETTY);
	}

	@Test
	void aStreamingClientGetsEveryByteBackWhileNewClientsAreTurnedAwayOnNet() throws Exception {
		streamsThroughADrain(Transport.NET);
	}

	@Test
	void closesWhatIsStillOpenWhenTheDrainTimesOut() throws Exception {
		drainTimesOut(Transport.NETTY);
	}

	@Test
	void closesWhatIsStillOpenWhenTheDrainTimesOutOnNet() throws Exception {
		drainTimesOut(Transport.NET);
	}

	private static void streamsThroughADrain(Transport transport)
			throws Exception {
		try (RunningApp app = RunningApp.start("--sockets.shutdown.drain-timeout=30s", on(transport))) {
			streamThroughTheDrain(app);
		}
	}

	private static void drainTimesOut(Transport transport) throws Exception {
		try (RunningApp app = RunningApp.start("--sockets.shutdown.drain-timeout=1s", on(transport));
				Socket idle = Sockets.connect(Listeners.port(app.bean("tcpEchoServer", AbstractServerConnectionFactory.class)))) {
			idle.getOutputStream().write('x');
			assertThat(idle.getInputStream().read()).isEqualTo('x');
			// The client never finishes: after the drain timeout the server closes it and stops.
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::close);
			assertThat(idle.getInputStream().read()).isEqualTo(-1);
			stopped.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static String on(Transport transport) {
		return "--sockets.transport=" + transport.name().toLowerCase(Locale.ROOT);
	}

	private static void streamThroughTheDrain(RunningApp app) throws Exception {
		AbstractServerConnectionFactory server = app.bean("tcpEchoServer", AbstractServerConnectionFactory.class);
		int port = Listeners.port(server);
		Random random = new Random(11);
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		try (Socket client = Sockets.connect(port)) {
			CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> EchoStream.readToEnd(client));
			EchoStream.write(client, random, sent, 200);
			// Open on the server, not only in its accept queue: a connection not yet accepted is a new client.
			await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().size() == 1);

			// What SIGTERM does: close the context, here on another thread.
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::close);
			ApplicationAvailability availability = app.context().getBean(ApplicationAvailability.class);
			await().atMost(Listeners.TIMEOUT)
				.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
			await().atMost(Listeners.TIMEOUT).until(() -> EchoStream.turnedAway(port));

			// The open connection is still served, in the middle of the drain.
			EchoStream.write(client, random, sent, 200);
			assertThat(stopped).isNotDone();
			client.shutdownOutput();
			assertThat(echoed.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(sent.toByteArray());
			// With its last client gone, the drain ends well before its timeout.
			stopped.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

}
