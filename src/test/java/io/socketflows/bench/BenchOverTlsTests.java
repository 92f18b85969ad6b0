package io.socketflows.bench;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static io.socketflows.bench.BenchResult.bench;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client bench --tls} against the echo service in TLS (the context of {@code TlsServerTests}): every echo
 * intact, and with {@code --connect-only} each connection counted once its handshake is done.
 */
@ServerTest
@TestPropertySource(locations = "classpath:tls/server.properties")
class BenchOverTlsTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Test
	void findsEveryPipelinedEchoIntactOverTls() {
		BenchResult result = bench(Listeners.port(this.tcpEchoServer), "--tls", "--conns", "2", "--depth", "4",
				"--size", "1500", "--seconds", "0.5", "--warmup", "0");
		assertThat(result.status()).as("%s", result).isZero();
		assertThat(result.count("requests")).isPositive();
		assertThat(result.count("mismatches") + result.count("lost") + result.count("errors")).isZero();
	}

	@Test
	void countsAConnectionOnceItsHandshakeIsDone() {
		BenchResult result = bench(Listeners.port(this.tcpEchoServer), "--tls", "--connect-only", "20", "--hold", "0",
				"--timeout", "5s");
		assertThat(result.status()).as("%s", result).isZero();
		assertThat(result.count("connected")).isEqualTo(20);
		assertThat(result.count("answered")).isEqualTo(20);
	}

	@Test
	void aPlainBenchAgainstTheTlsPortConnectsNothing() {
		BenchResult result = bench(Listeners.port(this.tcpEchoServer), "--connect-only", "1", "--hold", "0",
				"--timeout", "5s");
		assertThat(result.status()).as("%s", result).isNotZero();
		assertThat(result.count("answered")).isZero();
	}

}
