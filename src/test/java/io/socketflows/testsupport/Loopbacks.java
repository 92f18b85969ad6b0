package io.socketflows.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Clients from chosen loopback addresses (all of {@code 127.0.0.0/8} is loopback on Linux, so each is another
 * source).
 */
public final class Loopbacks {

	private Loopbacks() {
	}

	/** @return whether this host can listen on {@code ::1} */
	public static boolean ipv6() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** Binds every listener to {@code ::} where there is IPv6 (IPv6 and IPv4 clients), else {@code 0.0.0.0}. */
	public static void bindDualStack(DynamicPropertyRegistry registry) {
		registry.add("sockets.bind-address", () -> ipv6() ? "::" : "0.0.0.0");
	}

	/**
	 * @param source the client's own address, e.g. {@code 127.0.0.2}
	 * @param server the server's address
	 * @param port the server's port
	 * @return a socket from {@code source}, with the suite's read timeout
	 */
	public static Socket connect(String source, String server, int port) throws IOException {
		Socket socket = new Socket(InetAddress.getByName(server), port, InetAddress.getByName(source), 0);
		socket.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
		return socket;
	}

}
