package io.socketflows.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An echo server on the loopback that misbehaves on purpose, as the C load generator's {@code evil_echo.py}: the
 * bench must see each fault. A thread per connection; closing the server ends them all.
 */
final class EvilEchoServer implements AutoCloseable {

	/** What goes wrong; {@code arg} says where. */
	enum Fault {

		/** None: every byte back, in order. */
		NONE,
		/** Every byte back, but read in random pieces and written back in others. */
		CHUNKY,
		/** One bit flipped in byte {@code arg} of the stream. */
		CORRUPT,
		/** Byte {@code arg} of the stream left out. */
		DROP_BYTE,
		/** The first two 64-byte messages swapped. */
		SWAP,
		/** The connection closed once {@code arg} bytes came. */
		CLOSE,
		/** 64 bytes nobody asked for, once. */
		EXTRA,
		/** Only the first {@code arg} connections served, the others closed at once. */
		LIMIT,
		/** UDP: every datagram back. */
		UDP,
		/** UDP: every {@code arg}th datagram dropped. */
		UDP_DROP,
		/** UDP: every {@code arg}th datagram sent twice. */
		UDP_DUP,
		/** UDP: every {@code arg}th datagram one byte short. */
		UDP_TRUNC,
		/** UDP: each pair of datagrams answered in reverse order. */
		UDP_SWAP

	}

	private final Fault fault;

	private final int arg;

	private final ServerSocket tcp;

	private final DatagramSocket udp;

	private final List<Socket> connections = new ArrayList<>();

	private EvilEchoServer(Fault fault, int arg) throws IOException {
		this.fault = fault;
		this.arg = arg;
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		if (fault.name().startsWith("UDP")) {
			this.tcp = null;
			this.udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
			thread(this::serveUdp);
		}
		else {
			this.udp = null;
			this.tcp = new ServerSocket(0, 1024, loopback);
			thread(this::acceptTcp);
		}
	}

	static EvilEchoServer start(Fault fault, int arg) throws IOException {
		return new EvilEchoServer(fault, arg);
	}

	int port() {
		return (this.tcp != null) ? this.tcp.getLocalPort() : this.udp.getLocalPort();
	}

	private static void thread(Runnable task) {
		Thread thread = new Thread(task, "evil-echo");
		thread.setDaemon(true);
		thread.start();
	}

	private void acceptTcp() {
		int accepted = 0;
		try {
			while (true) {
				Socket connection = this.tcp.accept();
				synchronized (this.connections) {
					this.connections.add(connection);
				}
				if (this.fault == Fault.LIMIT && ++accepted > this.arg) {
					connection.close();
					continue;
				}
				thread(() -> echo(connection));
			}
		}
		catch (IOException ex) {
			// closed: the test is over
		}
	}

	private void echo(Socket connection) {
		Random random = new Random(1234);
		byte[] buffer = new byte[65_536];
		long position = 0;
		boolean extraSent = false;
		byte[] swap = (this.fault == Fault.SWAP) ? new byte[0] : null;
		try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
			while (true) {
				int read = in.read(buffer, 0, (this.fault == Fault.CHUNKY) ? 1 + random.nextInt(3000) : buffer.length);
				if (read < 0) {
					return;
				}
				byte[] data = Arrays.copyOf(buffer, read);
				long start = position;
				position += read;
				if (this.fault == Fault.CORRUPT && start <= this.arg && this.arg < position) {
					data[(int) (this.arg - start)] ^= 1;
				}
				if (this.fault == Fault.DROP_BYTE && start <= this.arg && this.arg < position) {
					int at = (int) (this.arg - start);
					byte[] shorter = new byte[data.length - 1];
					System.arraycopy(data, 0, shorter, 0, at);
					System.arraycopy(data, at + 1, shorter, at, data.length - at - 1);
					data = shorter;
				}
				if (swap != null) {
					byte[] held = Arrays.copyOf(swap, swap.length + data.length);
					System.arraycopy(data, 0, held, swap.length, data.length);
					if (held.length < 128) {
						swap = held;
						continue;
					}
					data = held;
					byte[] first = Arrays.copyOfRange(data, 0, 64);
					System.arraycopy(data, 64, data, 0, 64);
					System.arraycopy(first, 0, data, 64, 64);
					swap = null;
				}
				if (this.fault == Fault.CHUNKY) {
					for (int at = 0; at < data.length;) {
						int piece = Math.min(data.length - at, 1 + random.nextInt(700));
						out.write(data, at, piece);
						at += piece;
					}
				}
				else {
					out.write(data);
				}
				if (this.fault == Fault.EXTRA && !extraSent) {
					extraSent = true;
					out.write(new byte[64]);
				}
				if (this.fault == Fault.CLOSE && position >= this.arg) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// the bench closed, or the test is over
		}
	}

	private void serveUdp() {
		byte[] buffer = new byte[65_536];
		DatagramPacket held = null;
		try {
			for (long n = 1;; n++) {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				this.udp.receive(packet);
				DatagramPacket reply = new DatagramPacket(Arrays.copyOf(buffer, packet.getLength()), packet.getLength(),
						packet.getSocketAddress());
				boolean nth = this.arg > 0 && n % this.arg == 0;
				switch (this.fault) {
					case UDP_DROP -> {
						if (!nth) {
							this.udp.send(reply);
						}
					}
					case UDP_DUP -> {
						this.udp.send(reply);
						if (nth) {
							this.udp.send(reply);
						}
					}
					case UDP_TRUNC -> {
						if (nth) {
							reply.setLength(reply.getLength() - 1);
						}
						this.udp.send(reply);
					}
					case UDP_SWAP -> {
						if (held == null) {
							held = reply;
						}
						else {
							this.udp.send(reply);
							this.udp.send(held);
							held = null;
						}
					}
					default -> this.udp.send(reply);
				}
			}
		}
		catch (IOException ex) {
			// closed: the test is over
		}
	}

	@Override
	public void close() throws IOException {
		if (this.tcp != null) {
			this.tcp.close();
			synchronized (this.connections) {
				for (Socket connection : this.connections) {
					connection.close();
				}
			}
		}
		else {
			this.udp.close();
		}
	}

}
