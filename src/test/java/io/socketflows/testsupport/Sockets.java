package io.socketflows.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Raw client sockets, with the suite's one timeout on every read.
 */
public final class Sockets {

	private Sockets() {
	}

	/** @return a socket connected to {@code 127.0.0.1:port} */
	public static Socket connect(int port) throws IOException {
		return connect("127.0.0.1", port);
	}

	/** @return a socket connected to {@code host:port} */
	public static Socket connect(String host, int port) throws IOException {
		return withTimeout(new Socket(host, port));
	}

	/** @return a socket connected to {@code address:port} */
	public static Socket connect(InetAddress address, int port) throws IOException {
		return withTimeout(new Socket(address, port));
	}

	/** @return how many datagrams (of up to 100 bytes) arrive before 300 ms pass without one */
	public static int repliesUntilSilence(DatagramSocket client) throws IOException {
		client.setSoTimeout(300);
		int replies = 0;
		try {
			while (true) {
				client.receive(new DatagramPacket(new byte[100], 100));
				replies++;
			}
		}
		catch (SocketTimeoutException ex) {
			return replies;
		}
	}

	private static Socket withTimeout(Socket socket) throws IOException {
		socket.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
		return socket;
	}

}
