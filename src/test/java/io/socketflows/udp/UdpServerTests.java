package io.socketflows.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import io.socketflows.transport.UdpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ServerTest
class UdpServerTests {

	@Autowired
	UdpServer udpServer;

	InetSocketAddress server;

	@BeforeEach
	void findServer() throws IOException {
		this.server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Listeners.port(this.udpServer));
	}

	@Test
	void repliesToTheTutorialClient() throws IOException {
		// udpClient.py: sendto("Hello UDP Server"), then recvfrom(1024) on the same socket.
		try (DatagramSocket client = new DatagramSocket()) {
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			assertThat(exchange(client, "Hello UDP Server".getBytes(StandardCharsets.UTF_8), this.server))
				.isEqualTo("Hello cher client UDP");
		}
	}

	@Test
	void repliesFromThePortTheDatagramWasSentTo() throws IOException {
		// A connected socket only accepts datagrams from the address it is connected to.
		try (DatagramSocket client = new DatagramSocket()) {
			client.connect(this.server);
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			byte[] hello = "Hello UDP Server".getBytes(StandardCharsets.UTF_8);
			client.send(new DatagramPacket(hello, hello.length));
			DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
			client.receive(reply);
			assertThat(reply.getSocketAddress()).isEqualTo(this.server);
			assertThat(text(reply)).isEqualTo("Hello cher client UDP");
		}
	}

	@Test
	void neverSendsToAnAddressWrittenInThePayload() throws IOException {
		try (DatagramSocket victim = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
				DatagramSocket client = new DatagramSocket()) {
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			String payload = "ip_ackTo=127.0.0.1:" + victim.getLocalPort() + ";id=" + UUID.randomUUID() + ";hi";
			// The sender is answered as usual, so the datagram was processed...
			assertThat(exchange(client, payload.getBytes(StandardCharsets.UTF_8), this.server))
				.isEqualTo("Hello cher client UDP");
			// ...and nothing went to the address in the payload (an acknowledgement would have left before the reply).
			victim.setSoTimeout(500);
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> victim.receive(new DatagramPacket(new byte[1024], 1024)));
		}
	}

	static String exchange(DatagramSocket client, byte[] datagram, InetSocketAddress server) throws IOException {
		client.send(new DatagramPacket(datagram, datagram.length, server));
		DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
		client.receive(reply);
		return text(reply);
	}

	static String text(DatagramPacket packet) {
		return new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
	}

}
