package io.socketflows.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RawTcpServer;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every client shares: the command line, the defaults, where it connects and how it fails.
 */
class CommandLineClientTests {

	@Test
	void listsTheClientsAndTheirExitStatuses() {
		ClientRun client = ClientRun.run("--help");
		assertThat(client.status()).isZero();
		assertThat(client.out()).contains("Usage: client [-h] (echo | ack | udp | chat)", "  3  connection refused");
	}

	@Test
	void showsEachServiceDefaultPortFromTheConfiguration() {
		for (String[] service : new String[][] { { "echo", "3000" }, { "ack", "3001" }, { "udp", "3000" },
				{ "chat", "3002" } }) {
			ClientRun client = ClientRun.run(service[0], "--help");
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(client.out()).contains("Server port (default: " + service[1] + ")", "--host=HOST",
					"(default: 5s)", "IPv6 addresses only.");
		}
	}

	@Test
	void takesItsDefaultsFromTheSameConfigurationAsTheServers() {
		System.setProperty("sockets.echo.port", "4321");
		System.setProperty("spring.profiles.active", "ipv6");
		try {
			assertThat(ClientRun.run("echo", "--help").out()).contains("Server port (default: 4321)");
			// The ipv6 profile keeps the clients on IPv6 addresses.
			ClientRun client = ClientRun.run("echo", "--host", "127.0.0.1");
			assertThat(client.status()).isEqualTo(4);
			assertThat(client.err()).isEqualTo("echo: unknown host 127.0.0.1 (no IPv6 address, only 127.0.0.1)\n");
		}
		finally {
			System.clearProperty("sockets.echo.port");
			System.clearProperty("spring.profiles.active");
		}
	}

	@Test
	void rejectsAWrongCommandLineWithStatusTwo() {
		String[][] wrong = { {}, { "ping" }, { "echo", "-4", "-6" }, { "echo", "--port", "0" },
				{ "echo", "--port", "70000" }, { "ack", "--timeout", "soon" }, { "udp", "--timeout", "0s" },
				{ "echo", "--framing", "json" }, { "ack", "one", "two" } };
		for (String[] args : wrong) {
			ClientRun client = ClientRun.run(args);
			assertThat(client.status()).as(String.join(" ", args) + ": " + client).isEqualTo(2);
			assertThat(client.out()).isEmpty();
		}
		assertThat(ClientRun.run("echo", "--framing", "json").err())
			.contains("'json' is not one of raw, crlf, lf, stx-etx, length-header-1, length-header-2, length-header-4");
	}

	@Test
	void reportsARefusedConnectionInOneLine() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		for (String service : new String[] { "echo", "ack", "chat" }) {
			ClientRun client = ClientRun.run(ClientRun.args(service, closedPort));
			assertThat(client.status()).as(client.toString()).isEqualTo(3);
			assertThat(client.err()).isEqualTo(service + ": could not connect to 127.0.0.1:" + closedPort
					+ " (127.0.0.1): Connection refused\n");
			assertThat(client.out()).isEmpty();
		}
	}

	@Test
	void reportsAnUnknownHostInOneLine() {
		for (String service : new String[] { "echo", "udp" }) {
			ClientRun client = ClientRun.run(service, "--host", "nosuchhost.invalid");
			assertThat(client.status()).as(client.toString()).isEqualTo(4);
			assertThat(client.err()).startsWith(service + ": unknown host nosuchhost.invalid (").hasLineCount(1);
		}
	}

	@Test
	void keepsOnlyTheAddressesOfTheChosenFamily() {
		ClientRun client = ClientRun.run("ack", "--host", "127.0.0.1", "-6");
		assertThat(client.status()).isEqualTo(4);
		assertThat(client.err()).isEqualTo("ack: unknown host 127.0.0.1 (no IPv6 address, only 127.0.0.1)\n");
	}

	@Test
	void triesEveryAddressInTurnUntilOneConnects() throws Exception {
		try (RawTcpServer<Integer> server = RawTcpServer.serve((socket) -> socket.getInputStream().read())) {
			// Nothing listens on ::1 at that port (or there is no IPv6): the second address is the one.
			ClientTarget target = new ClientTarget("two-addresses",
					List.of(InetAddress.getByName("::1"), InetAddress.getLoopbackAddress()), server.port(),
					Listeners.TIMEOUT);
			FallbackTcpNetClientConnectionFactory factory = new FallbackTcpNetClientConnectionFactory(target);
			factory.setApplicationEventPublisher((event) -> {
			});
			factory.start();
			try {
				TcpConnection connection = factory.getConnection();
				assertThat(((InetSocketAddress) connection.getSocketInfo().getRemoteSocketAddress()).getAddress())
					.isEqualTo(InetAddress.getLoopbackAddress());
			}
			finally {
				factory.stop();
			}
			assertThat(server.result()).isEqualTo(-1);
		}
	}

}
