package io.socketflows.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Random;

/**
 * Streaming through the echo service while it stops: random writes, the echoes read to the end, and late
 * clients turned away.
 */
public final class EchoStream {

	private EchoStream() {
	}

	/** Writes {@code chunks} random chunks of 1 to 4,000 bytes, keeping a copy in {@code sent}. */
	public static void write(Socket client, Random random, ByteArrayOutputStream sent, int chunks)
			throws IOException {
		for (int i = 0; i < chunks; i++) {
			byte[] chunk = new byte[1 + random.nextInt(4000)];
			random.nextBytes(chunk);
			client.getOutputStream().write(chunk);
			sent.write(chunk);
		}
	}

	/** @return every byte until the server closes */
	public static byte[] readToEnd(Socket socket) {
		try {
			return socket.getInputStream().readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return whether a new client is refused, or accepted and closed at once without an echo */
	public static boolean turnedAway(int port) {
		try (Socket late = Sockets.connect(port)) {
			late.getOutputStream().write('x');
			return late.getInputStream().read() == -1;
		}
		catch (SocketException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
