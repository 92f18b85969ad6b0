package io.socketflows.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A real Redis server on loopback, the binary that {@code embedded-redis} ships (6.2, linux-amd64): nothing
 * saved, nothing installed. It can be stopped and started again on the same port, to cut its clients off.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private final RedisServer server;

	private RedisProcess(int port) throws IOException {
		this.port = port;
		this.server = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			// Its output is read (and dropped) so that it never blocks on a full pipe.
			.soutListener((line) -> {
			})
			.serrListener((line) -> {
			})
			.build();
	}

	/** @return a server started on a port that was free a moment ago */
	public static RedisProcess start() {
		try {
			RedisProcess redis = new RedisProcess(freePort());
			redis.server.start();
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Redis takes its port number on the command line: 0 is not a choice. */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	public int port() {
		return this.port;
	}

	/** @return the application's arguments that point it at this server */
	public String[] clusterArgs(String clusterName) {
		return new String[] { "--sockets.chat.cluster=redis", "--sockets.chat.cluster-name=" + clusterName,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.port };
	}

	/** Stops the process: its clients lose their connections, and what it held. */
	public void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts it again on the same port, empty. */
	public void restart() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
