package io.socketflows.bench;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.transport.UdpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static io.socketflows.bench.BenchResult.bench;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client bench} against the application's own echo services: nothing lost, nothing changed.
 */
// On the default protection: an echo load generator is never held back by the amplification budget.
@ServerTest(args = "--sockets.udp.mode=echo")
class BenchAgainstEchoServiceTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	UdpServer udpServer;

	@Test
	void findsEveryPipelinedEchoIntact() {
		BenchResult result = bench(Listeners.port(this.tcpEchoServer), "--conns", "4", "--depth", "8", "--size",
				"1500", "--seconds", "0.5", "--warmup", "0");
		assertThat(result.status()).as("%s", result).isZero();
		assertThat(result.count("requests")).isPositive();
		assertThat(result.count("mismatches") + result.count("lost") + result.count("errors")).isZero();
	}

	@Test
	void findsEveryDatagramEchoed() {
		BenchResult result = bench(Listeners.port(this.udpServer), "--udp", "--conns", "2", "--depth", "2",
				"--seconds", "0.5", "--warmup", "0", "--lost-after", "5s");
		assertThat(result.status()).as("%s", result).isZero();
		assertThat(result.count("requests")).isPositive();
		assertThat(result.count("mismatches") + result.count("lost") + result.count("late")).isZero();
	}

	@Test
	void answersEveryIdleConnectionAfterTheHold() {
		BenchResult result = bench(Listeners.port(this.tcpEchoServer), "--connect-only", "50", "--hold", "0.2",
				"--timeout", "5s");
		assertThat(result.status()).as("%s", result).isZero();
		assertThat(result.count("connected")).isEqualTo(50);
		assertThat(result.count("answered")).isEqualTo(50);
		assertThat(result.count("conn_failed") + result.count("conn_dropped")).isZero();
	}

}
