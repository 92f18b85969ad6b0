package io.socketflows.bench;

import java.io.IOException;
import java.net.ServerSocket;

import io.socketflows.bench.EvilEchoServer.Fault;
import io.socketflows.testsupport.ClientRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.socketflows.bench.BenchResult.bench;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client bench} against echo servers that break the stream on purpose: each fault is counted and fails
 * the run; a correct echo, however it cuts the stream, passes.
 */
class BenchClientTests {

	/** Short runs: what is tested is the verdict, not the pace. */
	private static final String[] SHORT = { "--seconds", "0.5", "--warmup", "0" };

	@Test
	void passesAnEchoThatCutsTheStreamAnywhere() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.CHUNKY, 0)) {
			BenchResult result = bench(server.port(), with("--conns", "3", "--depth", "4", "--size", "1000"));
			assertThat(result.status()).as("%s", result).isZero();
			assertThat(result.count("requests")).isPositive();
			assertThat(result.count("mismatches")).isZero();
			assertThat(result.count("lost")).isZero();
			assertThat(result.count("conn_dropped")).isZero();
		}
	}

	@ParameterizedTest
	@CsvSource({ "CORRUPT, 100", "CORRUPT, 7", "DROP_BYTE, 200", "SWAP, 0", "EXTRA, 0" })
	void countsAnEchoThatDiffers(Fault fault, int arg) throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(fault, arg)) {
			BenchResult result = bench(server.port(), with("--conns", "2", "--depth", "4"));
			assertThat(result.status()).as("%s", result).isEqualTo(1);
			assertThat(result.count("mismatches")).as("%s", result).isPositive();
		}
	}

	@Test
	void countsTheRequestsOfAConnectionTheServerCloses() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.CLOSE, 64 * 100)) {
			BenchResult result = bench(server.port(), with("--conns", "1", "--depth", "8"));
			assertThat(result.status()).as("%s", result).isEqualTo(1);
			assertThat(result.count("conn_dropped")).isEqualTo(1);
			assertThat(result.count("lost")).isPositive();
			assertThat(result.count("mismatches")).isZero();
		}
	}

	@Test
	void passesAFaithfulDatagramEcho() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.UDP, 0)) {
			BenchResult result = bench(server.port(), with("--udp", "--conns", "2", "--depth", "2", "--lost-after", "5s"));
			assertThat(result.status()).as("%s", result).isZero();
			assertThat(result.count("requests")).isPositive();
			assertThat(result.count("lost") + result.count("late") + result.count("mismatches")
					+ result.count("reordered")).isZero();
		}
	}

	@Test
	void countsDroppedDatagramsAsLost() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.UDP_DROP, 10)) {
			BenchResult result = bench(server.port(), with("--udp", "--conns", "2", "--depth", "2", "--lost-after", "50ms"));
			assertThat(result.status()).as("%s", result).isEqualTo(1);
			assertThat(result.count("lost")).isPositive();
		}
	}

	@Test
	void countsASecondCopyAsLate() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.UDP_DUP, 10)) {
			BenchResult result = bench(server.port(), with("--udp", "--conns", "1", "--depth", "1", "--lost-after", "5s"));
			assertThat(result.status()).as("%s", result).isEqualTo(1);
			assertThat(result.count("late")).isPositive();
		}
	}

	@Test
	void countsAShortDatagramAsAMismatch() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.UDP_TRUNC, 10)) {
			BenchResult result = bench(server.port(), with("--udp", "--conns", "1", "--depth", "2", "--lost-after", "50ms"));
			assertThat(result.status()).as("%s", result).isEqualTo(1);
			assertThat(result.count("mismatches")).isPositive();
		}
	}

	@Test
	void countsDatagramsAnsweredOutOfOrder() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.UDP_SWAP, 0)) {
			BenchResult result = bench(server.port(), with("--udp", "--conns", "1", "--depth", "2", "--lost-after", "5s"));
			assertThat(result.count("reordered")).as("%s", result).isPositive();
			assertThat(result.count("mismatches")).isZero();
		}
	}

	@Test
	void countsConnectionsClosedWhileIdle() throws IOException {
		try (EvilEchoServer server = EvilEchoServer.start(Fault.LIMIT, 3)) {
			BenchResult result = bench(server.port(), "--connect-only", "10", "--hold", "0.3", "--timeout", "5s");
			assertThat(result.status()).as("%s", result).isEqualTo(1);
			assertThat(result.count("connected")).isEqualTo(10);
			assertThat(result.count("answered")).isEqualTo(3);
			assertThat(result.count("conn_dropped")).isEqualTo(7);
		}
	}

	@Test
	void countsRefusedConnections() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0)) {
			port = closed.getLocalPort();
		}
		BenchResult result = bench(port, "--connect-only", "5", "--hold", "0");
		assertThat(result.status()).as("%s", result).isEqualTo(3);
		assertThat(result.count("conn_failed")).isEqualTo(5);
		assertThat(result.count("refused")).isEqualTo(5);
		assertThat(result.count("answered")).isZero();
	}

	@Test
	void refusesARequestSmallerThanItsHeader() {
		ClientRun run = ClientRun.run("bench", "--host", "127.0.0.1", "--port", "9", "--size", "8");
		assertThat(run.status()).as("%s", run).isEqualTo(2);
		assertThat(run.err()).contains("--size must be 16");
	}

	private static String[] with(String... args) {
		String[] all = new String[SHORT.length + args.length];
		System.arraycopy(SHORT, 0, all, 0, SHORT.length);
		System.arraycopy(args, 0, all, SHORT.length, args.length);
		return all;
	}

}
