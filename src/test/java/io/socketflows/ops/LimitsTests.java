package io.socketflows.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Baseline;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Loopbacks;
import io.socketflows.testsupport.Required;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.testsupport.Sockets;
import io.socketflows.transport.UdpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits as a client meets them, ncat's and Envoy's way: fill to the limit, the next is refused and counted,
 * free one, the next is accepted; per source, idle, a connect storm, resets, the UDP rate limit.
 */
@ServerTest(args = { "--sockets.echo.max-connections=3", "--sockets.echo.framing=lf",
		"--sockets.chat.max-connections-per-source=2", "--sockets.ack.idle-timeout=1s",
		"--sockets.udp.rate-limit.per-source=5", "--sockets.udp.rate-limit.burst=10" })
class LimitsTests {

	private static final int MAX = 3;

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@Autowired
	UdpServer udpServer;

	@Autowired
	MeterRegistry meters;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void dualStack(DynamicPropertyRegistry registry) {
		Loopbacks.bindDualStack(registry);
	}

	@BeforeEach
	void noConnectionLeftByAnotherTest() {
		await().atMost(Listeners.TIMEOUT).until(() -> active("echo") == 0 && active("chat") == 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void fillsToTheLimitRefusesAndCountsTheNextThenAcceptsOnceOneIsFreed(String loopback) throws Exception {
		Required.loopback(loopback);
		int port = Listeners.port(this.tcpEchoServer);
		double refused = rejected("echo", "limit");
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < MAX; i++) {
				Socket socket = Sockets.connect(loopback, port);
				held.add(socket);
				assertEchoes(socket, "held " + i);
			}
			JsonNode echo = health().at("/components/sockets/components/echo");
			assertThat(echo.at("/status").asString()).isEqualTo("UP");
			assertThat(echo.at("/details/connections").asInt()).isEqualTo(MAX);
			assertThat(echo.at("/details/maxConnections").asInt()).isEqualTo(MAX);
			try (Socket next = Sockets.connect(loopback, port)) {
				assertThat(next.getInputStream().read()).as("accepted and closed at once").isEqualTo(-1);
			}
			await().atMost(Listeners.TIMEOUT).until(() -> rejected("echo", "limit") == refused + 1);
			held.remove(0).close();
			await().atMost(Listeners.TIMEOUT).until(() -> active("echo") == MAX - 1);
			try (Socket again = Sockets.connect(loopback, port)) {
				assertEchoes(again, "a place was freed");
			}
			assertThat(rejected("echo", "limit")).isEqualTo(refused + 1);
		}
		finally {
			closeAll(held);
		}
	}

	@Test
	void refusesOneAddressPastItsShareWhileAnotherAddressIsServed() throws Exception {
		int port = Listeners.port(this.tcpChatServer);
		double refused = rejected("chat", "per-source");
		List<Socket> held = new ArrayList<>();
		try {
			held.add(Loopbacks.connect("127.0.0.1", "127.0.0.1", port));
			held.add(Loopbacks.connect("127.0.0.1", "127.0.0.1", port));
			await().atMost(Listeners.TIMEOUT).until(() -> active("chat") == 2);
			try (Socket third = Loopbacks.connect("127.0.0.1", "127.0.0.1", port)) {
				assertThat(third.getInputStream().read()).as("accepted and closed at once").isEqualTo(-1);
			}
			await().atMost(Listeners.TIMEOUT).until(() -> rejected("chat", "per-source") == refused + 1);
			held.add(Loopbacks.connect("127.0.0.2", "127.0.0.1", port));
			await().atMost(Listeners.TIMEOUT).until(() -> active("chat") == 3);
			assertThat(rejected("chat", "per-source")).isEqualTo(refused + 1);
		}
		finally {
			closeAll(held);
		}
	}

	@Test
	void closesAConnectionSilentForTheIdleTimeoutAndCountsItIdle() throws Exception {
		double idle = rejected("ack", "idle");
		double timeouts = errors("ack", "timeout");
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpAckServer))) {
			assertThat(socket.getInputStream().read()).as("closed by the server, no answer").isEqualTo(-1);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> rejected("ack", "idle") == idle + 1);
		assertThat(errors("ack", "timeout")).as("an idle close is a refusal, not an error").isEqualTo(timeouts);
	}

	@Test
	void aConnectStormPastTheLimitLeavesDescriptorsThreadsAndConnectionsAtTheirBaseline() throws Exception {
		int port = Listeners.port(this.tcpEchoServer);
		// A first, small storm: whatever the refusal path loads or starts once is part of the baseline.
		storm(port, 20);
		await().atMost(Listeners.TIMEOUT).until(() -> active("echo") == 0);
		try (Socket held = Sockets.connect(port)) {
			assertEchoes(held, "while held");
			assertThat(connectionsHeldBySenders()).as("an open connection, held by the reply adapter").isEqualTo(1);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> active("echo") == 0);
		Baseline baseline = Baseline.take();
		double refused = rejected("echo", "limit");

		storm(port, 500);

		await().atMost(Listeners.TIMEOUT).until(() -> rejected("echo", "limit") == refused + 500);
		baseline.awaitReturn(() -> {
			assertNoEchoConnection();
			assertThat(connectionsHeldBySenders()).as("connections the reply adapters still hold").isZero();
		});
		try (Socket fresh = Sockets.connect(port)) {
			assertEchoes(fresh, "after the storm");
		}
	}

	/** The reply adapters' own maps of connections (Spring Integration's, protected): what a refusal must not grow. */
	private int connectionsHeldBySenders() {
		List<TcpSender> senders = ReflectionTestUtils.invokeMethod(this.tcpEchoServer, "getSenders");
		assertThat(senders).isNotEmpty();
		int held = 0;
		for (TcpSender sender : senders) {
			Map<?, ?> connections = ReflectionTestUtils.invokeMethod(sender, "getConnections");
			held += connections.size();
		}
		return held;
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aClientResetMidStreamOrMidFrameLeavesTheServiceHealthy(boolean midFrame) throws Exception {
		int port = Listeners.port(this.tcpEchoServer);
		double oversized = rejected("echo", "oversized");
		// First resets, one on each event loop (Netty starts a loop's thread with its first channel): whatever
		// the reset path loads or starts once is part of the baseline.
		for (int i = 0; i < 8; i++) {
			reset(port, midFrame);
			// At most three connections here: the next waits for the place of this one.
			await().atMost(Listeners.TIMEOUT).until(() -> active("echo") == 0);
		}
		Baseline baseline = Baseline.take();

		reset(port, midFrame);

		baseline.awaitReturn(this::assertNoEchoConnection);
		assertThat(rejected("echo", "oversized")).as("a reset is not bad input").isEqualTo(oversized);
		try (Socket fresh = Sockets.connect(port)) {
			assertEchoes(fresh, "after the reset");
		}
		assertThat(health().at("/components/sockets/components/echo/status").asString()).isEqualTo("UP");
	}

	@Test
	void aClientThatHalfClosesIsAnsweredThenClosedAndLeavesTheServiceAtItsBaseline() throws Exception {
		int port = Listeners.port(this.tcpEchoServer);
		// First half-closes, one on each event loop, as the resets above.
		for (int i = 0; i < 8; i++) {
			halfClose(port);
			await().atMost(Listeners.TIMEOUT).until(() -> active("echo") == 0);
		}
		Baseline baseline = Baseline.take();
		double errors = errors("echo", "connection");

		halfClose(port);

		baseline.awaitReturn(this::assertNoEchoConnection);
		assertThat(errors("echo", "connection")).as("a half-close is an orderly end").isEqualTo(errors);
		try (Socket fresh = Sockets.connect(port)) {
			assertEchoes(fresh, "after the half-close");
		}
	}

	/**
	 * A client that sends its lines and half-closes at once, then reads: every echo comes, then the server's own
	 * close.
	 */
	private static void halfClose(int port) throws IOException {
		try (Socket socket = Sockets.connect(port)) {
			socket.getOutputStream().write("first\nsecond\nlast\n".getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).isEqualTo("first");
			assertThat(in.readLine()).isEqualTo("second");
			assertThat(in.readLine()).isEqualTo("last");
			assertThat(in.read()).as("closed by the server after the echoes").isEqualTo(-1);
		}
	}

	@Test
	void idleClientsPastTheIdleTimeoutAreClosedAndLeaveTheServiceAtItsBaseline() throws Exception {
		int port = Listeners.port(this.tcpAckServer);
		int clients = 8;
		// A first round as the one measured: whatever closing idle connections loads or starts once, on whichever
		// event loop, is part of the baseline.
		idleClients(port, clients);
		Baseline baseline = Baseline.take();
		double idle = rejected("ack", "idle");

		idleClients(port, clients);

		await().atMost(Listeners.TIMEOUT).until(() -> rejected("ack", "idle") == idle + clients);
		baseline.awaitReturn(() -> {
			assertThat(active("ack")).as("active ack connections").isZero();
			assertThat(this.tcpAckServer.getOpenConnectionIds()).as("the ack factory's open connections").isEmpty();
		});
		try (Socket fresh = Sockets.connect(port)) {
			fresh.getOutputStream().write("Bonjour".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(fresh.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("ACK from TCP Server");
		}
	}

	/** Connects {@code count} clients at once that say nothing, each closed by the server. */
	private void idleClients(int port, int count) throws IOException {
		List<Socket> idle = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				idle.add(Sockets.connect(port));
			}
			for (Socket socket : idle) {
				assertThat(socket.getInputStream().read()).as("closed by the server, no answer").isEqualTo(-1);
			}
		}
		finally {
			closeAll(idle);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> active("ack") == 0);
	}

	/** No echo connection open, as the metrics and the factory see them. */
	private void assertNoEchoConnection() {
		assertThat(active("echo")).as("active echo connections").isZero();
		assertThat(this.tcpEchoServer.getOpenConnectionIds()).as("the echo factory's open connections").isEmpty();
	}

	/** A client that echoes once, then writes a stream nobody reads (or half a frame) and resets. */
	private void reset(int port, boolean midFrame) throws IOException {
		try (Socket socket = Sockets.connect(port)) {
			assertEchoes(socket, "before the reset");
			OutputStream out = socket.getOutputStream();
			if (midFrame) {
				out.write("a frame without its end".getBytes(StandardCharsets.UTF_8));
			}
			else {
				for (int i = 0; i < 2000; i++) {
					out.write(("line " + i + " of a stream whose echoes nobody reads\n").getBytes(StandardCharsets.UTF_8));
				}
			}
			out.flush();
			// SO_LINGER 0: the close is a reset, whatever is still unread or unsent.
			socket.setSoLinger(true, 0);
		}
	}

	@Test
	void answersOneSourceItsBurstAndRateDropsAndCountsTheRestAndServesAnotherSource() throws Exception {
		int port = Listeners.port(this.udpServer);
		double received = counter("sockets.messages.received", "udp");
		double sent = counter("sockets.messages.sent", "udp");
		double dropped = dropped("rate-limit");
		int burst = 10;
		int perSecond = 5;
		int datagrams = 100;
		try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			long start = System.nanoTime();
			for (int i = 0; i < datagrams; i++) {
				client.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress("127.0.0.1", port)));
			}
			// Every datagram is either answered or dropped and counted.
			await().atMost(Listeners.TIMEOUT).until(() -> counter("sockets.messages.received", "udp") - received
					+ dropped("rate-limit") - dropped == datagrams);
			double seconds = (System.nanoTime() - start) / 1e9;
			int answered = (int) (counter("sockets.messages.received", "udp") - received);
			assertThat(answered).isBetween(burst, burst + (int) Math.ceil(perSecond * seconds));
			assertThat(dropped("rate-limit") - dropped).isEqualTo(datagrams - answered);
			await().atMost(Listeners.TIMEOUT).until(() -> counter("sockets.messages.sent", "udp") - sent == answered);
			assertThat(Sockets.repliesUntilSilence(client)).isEqualTo(answered);
		}
		try (DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
			other.send(new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress("127.0.0.1", port)));
			assertThat(Sockets.repliesUntilSilence(other)).as("another source has its own burst").isEqualTo(1);
		}
	}

	/** Holds the limit, then connects {@code count} more, each refused, then frees the limit. */
	private void storm(int port, int count) throws IOException {
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < MAX; i++) {
				Socket socket = Sockets.connect(port);
				held.add(socket);
				assertEchoes(socket, "held " + i);
			}
			for (int i = 0; i < count; i++) {
				try (Socket refused = Sockets.connect(port)) {
					assertThat(refused.getInputStream().read()).isEqualTo(-1);
				}
			}
		}
		finally {
			closeAll(held);
		}
	}

	private static void assertEchoes(Socket socket, String line) throws IOException {
		socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		assertThat(in.readLine()).isEqualTo(line);
	}


	private static void closeAll(List<Socket> sockets) throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

	private double active(String service) {
		return this.meters.get("sockets.connections.active").tag("service", service).gauge().value();
	}

	private double rejected(String service, String reason) {
		return this.meters.get("sockets.connections.rejected").tag("service", service).tag("reason", reason)
			.counter().count();
	}

	private double dropped(String reason) {
		return this.meters.get("sockets.udp.dropped").tag("service", "udp").tag("reason", reason).counter().count();
	}

	private double errors(String service, String kind) {
		var counter = this.meters.find("sockets.errors").tag("service", service).tag("kind", kind).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double counter(String name, String service) {
		return this.meters.get(name).tag("service", service).counter().count();
	}

	private JsonNode health() throws Exception {
		String body = Http.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health"))).body();
		return JsonMapper.builder().build().readTree(body);
	}

}
