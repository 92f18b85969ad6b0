package io.socketflows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.socketflows.client.ClientLogging;
import io.socketflows.client.ClientStreams;

/**
 * The training run of the fast launcher ({@code target/client/train}): each client once, as a user runs it,
 * against loopback servers of its own, so that the class archive or AOT cache recorded during this run holds what
 * a real exchange loads (a refused connection alone loads a third less). Nothing is printed unless a client ends
 * otherwise than expected; then the exit status is 1.
 */
public final class ClientTraining {

	private ClientTraining() {
	}

	public static void main(String[] args) throws IOException {
		ClientLogging.toStandardError();
		InetAddress loopback = InetAddress.getLoopbackAddress();
		List<String> unexpected = new ArrayList<>();
		try (ServerSocket echo = new ServerSocket(0, 50, loopback);
				ServerSocket ack = new ServerSocket(0, 50, loopback);
				DatagramSocket udp = new DatagramSocket(0, loopback)) {
			serve(echo, ClientTraining::echo);
			serve(ack, ClientTraining::acknowledge);
			daemon(() -> reply(udp));
			String host = loopback.getHostAddress();
			run(unexpected, 0, "", "echo", "--host", host, "--port", port(echo));
			run(unexpected, 0, "", "ack", "--host", host, "--port", port(ack));
			run(unexpected, 0, "", "udp", "--host", host, "--port", String.valueOf(udp.getLocalPort()));
			run(unexpected, 0, "bonjour\nexit\n", "chat", "--host", host, "--port", port(echo));
			int closed = closedPort(loopback);
			run(unexpected, 3, "", "echo", "--host", host, "--port", String.valueOf(closed));
			run(unexpected, 2, "", "echo", "--port", "none");
			run(unexpected, 0, "", "echo", "--help");
		}
		if (!unexpected.isEmpty()) {
			System.err.println("client training: " + String.join("; ", unexpected));
			System.exit(1);
		}
	}

	private static void run(List<String> unexpected, int expected, String input, String... args) {
		OutputStream nowhere = OutputStream.nullOutputStream();
		ClientStreams streams = new ClientStreams(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				nowhere, new PrintStream(nowhere));
		int status = ClientMode.execute(streams, args);
		if (status != expected) {
			unexpected.add("client " + String.join(" ", args) + " ended with " + status + ", not " + expected);
		}
	}

	/** Every byte back until the client closes: echo, and chat's operator saying what it was told. */
	private static void echo(Socket socket) throws IOException {
		socket.getInputStream().transferTo(socket.getOutputStream());
	}

	/** One read answered, then the close, as the ack service does. */
	private static void acknowledge(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		if (in.read(new byte[1024]) > 0) {
			socket.getOutputStream().write("ACK".getBytes(StandardCharsets.US_ASCII));
		}
	}

	private static void reply(DatagramSocket udp) {
		byte[] buffer = new byte[2048];
		try {
			while (true) {
				DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
				udp.receive(datagram);
				udp.send(new DatagramPacket(datagram.getData(), datagram.getLength(), datagram.getSocketAddress()));
			}
		}
		catch (IOException ex) {
			// closed at the end of the training
		}
	}

	private static void serve(ServerSocket server, Conversation conversation) {
		daemon(() -> {
			try {
				while (true) {
					Socket socket = server.accept();
					daemon(() -> {
						try (socket) {
							conversation.with(socket);
						}
						catch (IOException ex) {
							// the client's business
						}
					});
				}
			}
			catch (IOException ex) {
				// closed at the end of the training
			}
		});
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "client-training");
		thread.setDaemon(true);
		thread.start();
	}

	private static String port(ServerSocket server) {
		return String.valueOf(server.getLocalPort());
	}

	private static int closedPort(InetAddress loopback) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
			return socket.getLocalPort();
		}
	}

	/** What a training server does with one connection. */
	@FunctionalInterface
	private interface Conversation {

		void with(Socket socket) throws IOException;

	}

}
