package io.socketflows.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server of a few lines for one connection, written by the test to pin the bytes a client puts on the
 * wire: it listens on a free port and hands the accepted socket (read timeout {@link Listeners#TIMEOUT}) to the
 * test's handler, on a thread of its own.
 *
 * @param <T> what the handler finds out
 */
public final class RawTcpServer<T> implements AutoCloseable {

	private final ServerSocket server;

	private final CompletableFuture<T> result;

	private RawTcpServer(ServerSocket server, Handler<T> handler) {
		this.server = server;
		this.result = CompletableFuture.supplyAsync(() -> {
			try (Socket socket = server.accept()) {
				socket.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
				return handler.handle(socket);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, (task) -> new Thread(task, "raw-server").start());
	}

	/** Listens on {@code 127.0.0.1}. */
	public static <T> RawTcpServer<T> serve(Handler<T> handler) throws IOException {
		return serve(InetAddress.getLoopbackAddress(), handler);
	}

	public static <T> RawTcpServer<T> serve(InetAddress address, Handler<T> handler) throws IOException {
		ServerSocket server = new ServerSocket();
		server.bind(new InetSocketAddress(address, 0));
		return new RawTcpServer<>(server, handler);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** @return what the handler returned, once the connection is over */
	public T result() throws Exception {
		return this.result.get(Listeners.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	/** The server's side of the one connection. */
	@FunctionalInterface
	public interface Handler<T> {

		T handle(Socket socket) throws Exception;

	}

}
