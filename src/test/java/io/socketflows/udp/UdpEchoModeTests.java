package io.socketflows.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import io.socketflows.transport.UdpServer;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest(args = "--sockets.udp.mode=echo")
class UdpEchoModeTests {

	@Autowired
	UdpServer udpServer;

	@Autowired
	MeterRegistry meters;

	/** As fast as the server answers, every size up to a full Ethernet frame: the amplification budget never bites. */
	@Test
	void neverDropsAnEchoClientAtFullSpeed() throws IOException {
		double dropped = this.meters.get("sockets.udp.dropped").tag("service", "udp").tag("reason", "amplification")
			.counter().count();
		Random random = new Random(11);
		int datagrams = 5000;
		int window = 32;
		try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.202", 0))) {
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			client.setReceiveBufferSize(1024 * 1024);
			client.connect(InetAddress.getByName("127.0.0.1"), Listeners.port(this.udpServer));
			int sent = 0;
			int echoed = 0;
			java.util.ArrayDeque<byte[]> pending = new java.util.ArrayDeque<>();
			while (echoed < datagrams) {
				while (sent < datagrams && pending.size() < window) {
					byte[] datagram = new byte[1 + random.nextInt(1472)];
					random.nextBytes(datagram);
					client.send(new DatagramPacket(datagram, datagram.length));
					pending.add(datagram);
					sent++;
				}
				DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
				client.receive(reply);
				assertThat(java.util.Arrays.copyOf(reply.getData(), reply.getLength())).as("echo %d", echoed)
					.isEqualTo(pending.poll());
				echoed++;
			}
		}
		assertThat(this.meters.get("sockets.udp.dropped").tag("service", "udp").tag("reason", "amplification")
			.counter().count()).isEqualTo(dropped);
	}

	@Test
	void echoesALargeDatagramWhole() throws IOException {
		byte[] datagram = new byte[60_000];
		new Random(3).nextBytes(datagram);
		try (DatagramSocket client = new DatagramSocket()) {
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			// Loopback's 64 KB default receive buffer holds one such datagram; make room for no surprise.
			client.setReceiveBufferSize(256 * 1024);
			client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName("127.0.0.1"),
					Listeners.port(this.udpServer)));
			DatagramPacket reply = new DatagramPacket(new byte[65_536], 65_536);
			client.receive(reply);
			assertThat(reply.getLength()).isEqualTo(datagram.length);
			assertThat(java.util.Arrays.copyOf(reply.getData(), reply.getLength())).isEqualTo(datagram);
		}
	}

}
