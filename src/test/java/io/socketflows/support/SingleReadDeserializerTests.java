package io.socketflows.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One read, one message, over a real loopback connection: whatever has arrived, up to the buffer size.
 */
class SingleReadDeserializerTests {

	private ServerSocket listener;

	private Socket client;

	private Socket accepted;

	@BeforeEach
	void connect() throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.client = Sockets.connect(this.listener.getLocalPort());
		this.accepted = this.listener.accept();
		this.accepted.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
	}

	@AfterEach
	void close() throws IOException {
		this.client.close();
		this.accepted.close();
		this.listener.close();
	}

	@Test
	void readsASmallMessageWhole() throws IOException {
		byte[] sent = send(12);
		assertThat(new SingleReadDeserializer(65536).deserialize(this.accepted.getInputStream())).isEqualTo(sent);
	}

	@Test
	void takesEverythingThatHasArrivedUpToTheBufferSizeInOneMessage() throws IOException {
		byte[] sent = send(40_000);
		InputStream in = this.accepted.getInputStream();
		await().atMost(Listeners.TIMEOUT).until(() -> in.available() == sent.length);
		assertThat(new SingleReadDeserializer(65536).deserialize(in)).isEqualTo(sent);
	}

	@Test
	void cutsAtTheBufferSizeAndLeavesTheRestForTheNextMessage() throws IOException {
		byte[] sent = send(25_000);
		InputStream in = this.accepted.getInputStream();
		await().atMost(Listeners.TIMEOUT).until(() -> in.available() == sent.length);
		SingleReadDeserializer deserializer = new SingleReadDeserializer(10_000);
		byte[] first = deserializer.deserialize(in);
		byte[] second = deserializer.deserialize(in);
		byte[] third = deserializer.deserialize(in);
		assertThat(first).hasSize(10_000);
		assertThat(second).hasSize(10_000);
		assertThat(third).hasSize(5_000);
		byte[] all = new byte[25_000];
		System.arraycopy(first, 0, all, 0, 10_000);
		System.arraycopy(second, 0, all, 10_000, 10_000);
		System.arraycopy(third, 0, all, 20_000, 5_000);
		assertThat(all).isEqualTo(sent);
	}

	@Test
	void aReadThatFillsItsFirstBufferExactlyEndsThere() throws IOException {
		byte[] sent = send(8 * 1024);
		InputStream in = this.accepted.getInputStream();
		await().atMost(Listeners.TIMEOUT).until(() -> in.available() == sent.length);
		assertThat(new SingleReadDeserializer(65536).deserialize(in)).isEqualTo(sent);
	}

	@Test
	void theEndOfTheStreamIsASoftEnd() throws IOException {
		this.client.shutdownOutput();
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> new SingleReadDeserializer(65536).deserialize(this.accepted.getInputStream()));
	}

	private byte[] send(int size) throws IOException {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		OutputStream out = this.client.getOutputStream();
		out.write(bytes);
		out.flush();
		return bytes;
	}

}
