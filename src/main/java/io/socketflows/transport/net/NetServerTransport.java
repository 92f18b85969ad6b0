package io.socketflows.transport.net;

import java.net.InetAddress;
import java.time.Duration;

import io.socketflows.support.Framing;
import io.socketflows.transport.ConnectionGate;
import io.socketflows.transport.DatagramGate;
import io.socketflows.transport.ServerTls;
import io.socketflows.transport.ServerTransport;
import io.socketflows.transport.UdpServer;

import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Servers on Spring Integration's blocking factories and adapters, held to the same limits as the {@code netty}
 * transport by {@link NetConnectionPolicy} and {@link NetUdpServer}.
 */
final class NetServerTransport implements ServerTransport {

	private final TaskExecutor executor;

	NetServerTransport(TaskExecutor executor) {
		this.executor = executor;
	}

	/**
	 * Blocking connections: one thread reads a connection and writes each reply before the next read, so the
	 * bytes of a connection come back in order (Spring Integration's NIO factory hands chunks of one connection
	 * to several threads). The idle timeout is the sockets' read timeout, as Spring Integration's single-use
	 * default (10 s) is, set here for every service.
	 */
	@Override
	public AbstractServerConnectionFactory tcpServer(int port, Framing framing, int bufferSize, int maxMessageSize,
			ConnectionGate gate, Duration idleTimeout, ServerTls tls) {
		Framing.Codec codec = framing.codec(bufferSize, maxMessageSize);
		return Tcp.netServer(port)
			.serializer(codec.serializer())
			.deserializer(codec.deserializer())
			.taskExecutor(this.executor)
			// As the netty transport: an echo written in pieces must not wait for the peer's delayed ACK.
			.soTcpNoDelay(true)
			.connectionSupport(new NetConnectionPolicy(gate, idleTimeout, tls))
			.soTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()))
			.getObject();
	}

	@Override
	public UdpServer udpServer(InetAddress address, int port, DatagramGate gate) {
		return new NetUdpServer(address, port, gate);
	}

	@Override
	public String describe() {
		return "net";
	}

}
