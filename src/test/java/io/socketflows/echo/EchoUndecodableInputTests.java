package io.socketflows.echo;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest(args = "--sockets.echo.framing=stx-etx")
class EchoUndecodableInputTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	MeterRegistry meters;

	@Test
	void closesTheConnectionOfAFrameWithoutItsStxAsAProtocolError() throws IOException {
		double protocol = rejected("protocol");
		double oversized = rejected("oversized");
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpEchoServer))) {
			socket.getOutputStream().write("no STX\u0003".getBytes(StandardCharsets.US_ASCII));
			assertThat(socket.getInputStream().read()).as("closed without an echo").isEqualTo(-1);
		}
		assertThat(rejected("protocol")).isEqualTo(protocol + 1);
		assertThat(rejected("oversized")).as("not a frame past the limit").isEqualTo(oversized);
	}

	private double rejected(String reason) {
		return this.meters.counter("sockets.connections.rejected", "service", "echo", "reason", reason).count();
	}

}
