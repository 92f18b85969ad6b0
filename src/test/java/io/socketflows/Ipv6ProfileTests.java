package io.socketflows;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RequiresIpv6;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import io.socketflows.transport.UdpServer;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ipv6} profile binds {@code ::}, which serves IPv6 and IPv4 clients alike.
 */
@ServerTest
@ActiveProfiles("ipv6")
@RequiresIpv6
class Ipv6ProfileTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	UdpServer udpServer;

	@ParameterizedTest
	@ValueSource(strings = { "::1", "127.0.0.1" })
	void echoesOverTcp(String loopback) throws IOException {
		try (Socket socket = Sockets.connect(loopback, Listeners.port(this.tcpEchoServer))) {
			socket.getOutputStream().write("Hello, world".getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("Hello, world");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "::1", "127.0.0.1" })
	void repliesOverUdp(String loopback) throws IOException {
		try (DatagramSocket client = new DatagramSocket()) {
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			byte[] hello = "Hello UDP Server".getBytes(StandardCharsets.UTF_8);
			client.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(loopback,
					Listeners.port(this.udpServer))));
			DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
			client.receive(reply);
			assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8))
				.isEqualTo("Hello cher client UDP");
		}
	}

}
