package io.socketflows.echo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socketflows.testsupport.EchoStream;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.integration.handler.ServiceActivatingHandler;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class EchoServerTests {

	@Autowired
	AbstractServerConnectionFactory tcpEchoServer;

	@Autowired
	ApplicationContext context;

	int port;

	@BeforeEach
	void findPort() {
		this.port = Listeners.port(this.tcpEchoServer);
	}

	/** inbound adapter -> channel -> echo service activator -> channel -> outbound adapter. */
	@Test
	void flowsThroughTheEchoServiceActivator() {
		TcpReceivingChannelAdapter inbound = this.context.getBean("tcpEchoServerInboundAdapter",
				TcpReceivingChannelAdapter.class);
		EventDrivenConsumer activator = this.context.getBean("tcpEchoServerActivator", EventDrivenConsumer.class);
		EventDrivenConsumer outbound = this.context.getBean("tcpEchoServerOutboundAdapter", EventDrivenConsumer.class);
		assertThat(activator.getHandler()).isInstanceOf(ServiceActivatingHandler.class);
		assertThat(activator.getInputChannel()).isSameAs(inbound.getOutputChannel());
		assertThat(((ServiceActivatingHandler) activator.getHandler()).getOutputChannel())
			.isSameAs(outbound.getInputChannel());
		assertThat(outbound.getHandler()).isInstanceOf(TcpSendingMessageHandler.class);
	}

	@Test
	void answersTheTutorialClientAtOnce() throws IOException {
		// helloClient.py: sendall("Hello, world") with no terminator, then one recv(1024).
		try (Socket socket = connect()) {
			socket.getOutputStream().write("Hello, world".getBytes(StandardCharsets.UTF_8));
			byte[] buffer = new byte[1024];
			int read = socket.getInputStream().read(buffer);
			assertThat(new String(buffer, 0, read, StandardCharsets.UTF_8)).isEqualTo("Hello, world");
		}
	}

	@Test
	void echoesBytesInOrderWhenPipelined() throws Exception {
		Random random = new Random(42);
		List<byte[]> writes = new ArrayList<>();
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		for (int i = 0; i < 3000; i++) {
			byte[] chunk = new byte[1 + random.nextInt(2000)];
			random.nextBytes(chunk);
			writes.add(chunk);
			sent.write(chunk);
		}
		try (Socket socket = connect()) {
			// Write everything without waiting for echoes, while another thread reads them.
			CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readAll(socket, sent.size()));
			OutputStream out = socket.getOutputStream();
			for (byte[] chunk : writes) {
				out.write(chunk);
			}
			assertThat(echoed.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(sent.toByteArray());
		}
	}

	@Test
	void returnsEveryEchoThenClosesWhenTheClientShutsDownOutput() throws Exception {
		byte[] data = new byte[200_000];
		new Random(7).nextBytes(data);
		try (Socket socket = connect()) {
			// Read while writing: a writer that does not read fills both buffers and blocks for good.
			CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> EchoStream.readToEnd(socket));
			socket.getOutputStream().write(data);
			socket.shutdownOutput();
			// readToEnd returns only at end of stream: the server closed after the last echo.
			assertThat(echoed.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(data);
		}
	}

	@Test
	void keepsConcurrentClientsApart() throws Exception {
		List<CompletableFuture<Boolean>> clients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			int seed = i;
			clients.add(CompletableFuture.supplyAsync(() -> {
				byte[] data = new byte[50_000];
				new Random(seed).nextBytes(data);
				try (Socket socket = connect()) {
					socket.getOutputStream().write(data);
					socket.shutdownOutput();
					return java.util.Arrays.equals(socket.getInputStream().readAllBytes(), data);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		for (CompletableFuture<Boolean> client : clients) {
			assertThat(client.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void logsEachConnectionOpenedAndClosed(CapturedOutput output) throws IOException {
		int localPort;
		try (Socket socket = connect()) {
			localPort = socket.getLocalPort();
			socket.getOutputStream().write("Hello, world".getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			socket.getInputStream().readAllBytes();
		}
		await().atMost(Listeners.TIMEOUT).untilAsserted(() -> assertThat(output.getOut())
			.contains("echo: connection from 127.0.0.1:" + localPort + " opened")
			.containsPattern("echo: connection from 127\\.0\\.0\\.1:" + localPort
					+ " closed after \\d+ ms, 12 bytes in, 12 bytes out"));
	}

	private Socket connect() throws IOException {
		Socket socket = Sockets.connect(this.port);
		return socket;
	}

	private static byte[] readAll(Socket socket, int expected) {
		try {
			InputStream in = socket.getInputStream();
			byte[] received = new byte[expected];
			int total = 0;
			while (total < expected) {
				int read = in.read(received, total, expected - total);
				if (read < 0) {
					break;
				}
				total += read;
			}
			return java.util.Arrays.copyOf(received, total);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
