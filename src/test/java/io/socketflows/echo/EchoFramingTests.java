package io.socketflows.echo;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest(args = { "--sockets.echo.framing=crlf", "--sockets.echo.max-message-size=100B" })
class EchoFramingTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Test
	void echoesWholeLinesWhenFramedByCrLf() throws IOException {
		try (Socket socket = connect()) {
			// Two lines in one write, the second split over two writes: each comes back whole.
			socket.getOutputStream().write("one\r\ntw".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write("o\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.isEqualTo("one\r\ntwo\r\n");
		}
	}

	@Autowired
	MeterRegistry meters;

	@Test
	void closesTheConnectionOfAnOversizedMessage() throws IOException {
		double rejected = this.meters
			.counter("sockets.connections.rejected", "service", "echo", "reason", "oversized")
			.count();
		double protocolErrors = this.meters.counter("sockets.errors", "service", "echo", "kind", "protocol").count();
		try (Socket socket = connect(); Socket bystander = connect()) {
			socket.getOutputStream().write(new byte[500]);
			assertThat(socket.getInputStream().read()).as("closed without an echo").isEqualTo(-1);
			// Another client is not affected.
			bystander.getOutputStream().write("still here\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] echo = new byte[12];
			assertThat(bystander.getInputStream().readNBytes(echo, 0, 12)).isEqualTo(12);
			assertThat(new String(echo, StandardCharsets.US_ASCII)).isEqualTo("still here\r\n");
		}
		assertThat(this.meters.counter("sockets.connections.rejected", "service", "echo", "reason", "oversized").count())
			.isEqualTo(rejected + 1);
		assertThat(this.meters.counter("sockets.errors", "service", "echo", "kind", "protocol").count())
			.isEqualTo(protocolErrors + 1);
	}

	private Socket connect() throws IOException {
		Socket socket = Sockets.connect(Listeners.port(this.tcpEchoServer));
		return socket;
	}

}
