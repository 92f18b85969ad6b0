package io.socketflows.echo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.socketflows.testsupport.ClientRun;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RawTcpServer;
import io.socketflows.testsupport.Required;
import io.socketflows.testsupport.RequiresIpv6;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class EchoClientTests {

	private static final byte[] HELLO = "Hello, world".getBytes(StandardCharsets.UTF_8);

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	int port;

	@BeforeEach
	void findPort() {
		this.port = Listeners.port(this.tcpEchoServer);
	}

	@Test
	void printsTheEchoOfTheTutorialMessage() {
		ClientRun client = ClientRun.run(ClientRun.args("echo", this.port));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.out()).isEqualTo("Hello, world\n");
		assertThat(client.err()).isEmpty();
	}

	@Test
	void streamsBinaryStandardInputThroughTheService() {
		byte[] input = new byte[300_000];
		new Random(7).nextBytes(input);
		ClientRun client = ClientRun.run(input, ClientRun.args("echo", this.port, "-"));
		assertThat(client.status()).as(client.toString()).isZero();
		assertThat(client.stdout()).isEqualTo(input);
	}

	@Test
	void sendsTheMessageAloneAndWaitsForEveryByteOfItsEcho() throws Exception {
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> {
			InputStream in = socket.getInputStream();
			byte[] message = in.readNBytes(HELLO.length);
			OutputStream out = socket.getOutputStream();
			out.write(message, 0, 7);
			out.flush();
			out.write(message, 7, message.length - 7);
			// Anything the client sends after the message, until it closes: nothing.
			assertThat(in.readAllBytes()).isEmpty();
			return message;
		})) {
			ClientRun client = ClientRun.run(ClientRun.args("echo", server.port()));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo(HELLO);
			assertThat(client.out()).isEqualTo("Hello, world\n");
		}
	}

	@Test
	void shutsItsOutputDownAtTheEndOfInputAndPrintsWhatComesUntilTheServerCloses() throws Exception {
		byte[] input = new byte[100_000];
		new Random(8).nextBytes(input);
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> {
			// The whole input, to its end: only a client that shut its output down gets past this line.
			byte[] received = socket.getInputStream().readAllBytes();
			socket.getOutputStream().write(("got " + received.length + " bytes").getBytes(StandardCharsets.UTF_8));
			return received;
		})) {
			ClientRun client = ClientRun.run(input, ClientRun.args("echo", server.port(), "-"));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo(input);
			assertThat(client.out()).isEqualTo("got 100000 bytes");
		}
	}

	@Test
	void framesTheMessageAsTheServerIsConfigured() throws Exception {
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> {
			byte[] frame = socket.getInputStream().readNBytes(HELLO.length + 2);
			socket.getOutputStream().write(new byte[] { 0x02, 'H', 'i', 0x03 });
			return frame;
		})) {
			ClientRun client = ClientRun.run(ClientRun.args("echo", server.port(), "--framing", "stx-etx"));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo(("\u0002Hello, world\u0003").getBytes(StandardCharsets.UTF_8));
			assertThat(client.out()).isEqualTo("Hi\n");
		}
	}

	@Test
	void sendsEachLineAsOneFrameInFramedStreams() throws Exception {
		try (RawTcpServer<String> server = RawTcpServer.serve((socket) -> {
			String received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			socket.getOutputStream().write("ONE\r\nTWO\r\n".getBytes(StandardCharsets.UTF_8));
			return received;
		})) {
			ClientRun client = ClientRun.run("one\ntwo\n".getBytes(StandardCharsets.UTF_8),
					ClientRun.args("echo", server.port(), "--framing=crlf", "-"));
			assertThat(client.status()).as(client.toString()).isZero();
			assertThat(server.result()).isEqualTo("one\r\ntwo\r\n");
			assertThat(client.out()).isEqualTo("ONE\nTWO\n");
		}
	}

	@Test
	void timesOutWhenTheEchoDoesNotCome() throws Exception {
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> socket.getInputStream().readAllBytes())) {
			ClientRun client = ClientRun.run(ClientRun.args("echo", server.port(), "--timeout", "300ms"));
			assertThat(client.status()).isEqualTo(5);
			assertThat(client.err()).isEqualTo("echo: no echo from 127.0.0.1:" + server.port() + " within 300ms\n");
			assertThat(client.out()).isEmpty();
			assertThat(server.result()).isEqualTo(HELLO);
		}
	}

	@Test
	void failsWhenTheServerClosesBeforeTheWholeEcho() throws Exception {
		try (RawTcpServer<byte[]> server = RawTcpServer.serve((socket) -> {
			socket.getOutputStream().write(socket.getInputStream().readNBytes(5));
			return null;
		})) {
			ClientRun client = ClientRun.run(ClientRun.args("echo", server.port()));
			assertThat(client.status()).isEqualTo(1);
			assertThat(client.err()).isEqualTo(
					"echo: 127.0.0.1:" + server.port() + " closed the connection after 5 of the 12 bytes\n");
		}
	}

	@Test
	@RequiresIpv6
	void talksToAnIpv6LiteralWithOrWithoutBrackets() throws Exception {
		for (String host : new String[] { "::1", "[::1]", "0:0:0:0:0:0:0:1" }) {
			try (RawTcpServer<byte[]> server = RawTcpServer.serve(InetAddress.getByName("::1"), (socket) -> {
				socket.getOutputStream().write(socket.getInputStream().readNBytes(HELLO.length));
				return null;
			})) {
				ClientRun client = ClientRun.run("echo", "--host", host, "--port", String.valueOf(server.port()), "-6");
				assertThat(client.status()).as(host + ": " + client).isZero();
				assertThat(client.out()).isEqualTo("Hello, world\n");
			}
		}
	}

	@Test
	void talksToAScopedLinkLocalAddress() throws Exception {
		Inet6Address linkLocal = Required.linkLocalIpv6();
		try (RawTcpServer<byte[]> server = RawTcpServer.serve(linkLocal, (socket) -> {
			socket.getOutputStream().write(socket.getInputStream().readNBytes(HELLO.length));
			return null;
		})) {
			// fe80::...%eth0: the scope names the interface, as in helloClient6.py's getaddrinfo.
			String host = linkLocal.getHostAddress();
			assertThat(host).contains("%");
			ClientRun client = ClientRun.run("echo", "--host", host, "--port", String.valueOf(server.port()));
			assertThat(client.status()).as(host + ": " + client).isZero();
			assertThat(client.out()).isEqualTo("Hello, world\n");
		}
	}

}
