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
import io.socketflows.testsupport.Sockets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import io.socketflows.transport.UdpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ServerTest
class UdpServerTests {

	@Autowired
	UdpServer udpServer;

	@Autowired
	MeterRegistry meters;

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

	/**
	 * Spoofed one-byte datagrams, whose 21-byte answers would go to a victim: the victim gets the burst, then no more
	 * bytes than the flood sent; every datagram is either answered or dropped and counted.
	 */
	@Test
	void answersAOneByteFloodWithNoMoreBytesThanItSentBeyondTheBurst() throws IOException {
		int burst = 4096;
		int reply = "Hello cher client UDP".length();
		int datagrams = 1000;
		double received = counter("sockets.messages.received");
		double sent = counter("sockets.messages.sent");
		double dropped = dropped();
		// A source no other test uses: its budget is new.
		try (DatagramSocket flood = new DatagramSocket(new InetSocketAddress("127.0.0.201", 0))) {
			flood.setReceiveBufferSize(1024 * 1024);
			for (int i = 0; i < datagrams; i++) {
				flood.send(new DatagramPacket(new byte[] { 1 }, 1, this.server));
				int sentSoFar = i + 1;
				if (sentSoFar % 50 == 0) {
					// In windows, so that the server's receive buffer never overflows and every datagram is counted.
					await().atMost(Listeners.TIMEOUT)
						.until(() -> counter("sockets.messages.received") - received == sentSoFar);
				}
			}
			await().atMost(Listeners.TIMEOUT).until(() -> counter("sockets.messages.sent") - sent
					+ dropped() - dropped == datagrams);
			int answered = (int) (counter("sockets.messages.sent") - sent);
			assertThat(answered * reply).isLessThanOrEqualTo(datagrams + burst).isGreaterThan(datagrams + burst - reply);
			assertThat(dropped() - dropped).isEqualTo(datagrams - answered);
			assertThat(Sockets.repliesUntilSilence(flood)).isEqualTo(answered);
		}
	}

	private double counter(String name) {
		return this.meters.get(name).tag("service", "udp").counter().count();
	}

	private double dropped() {
		return this.meters.get("sockets.udp.dropped").tag("service", "udp").tag("reason", "amplification")
			.counter().count();
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
