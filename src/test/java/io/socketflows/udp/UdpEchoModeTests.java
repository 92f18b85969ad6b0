package io.socketflows.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Random;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import io.socketflows.transport.UdpServer;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest(args = "--sockets.udp.mode=echo")
class UdpEchoModeTests {

	@Autowired
	UdpServer udpServer;

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
