package io.socketflows.transport.netty;

import java.net.InetAddress;
import java.time.Duration;

import io.netty.channel.epoll.Epoll;
import io.socketflows.support.Framing;
import io.socketflows.transport.ConnectionGate;
import io.socketflows.transport.DatagramGate;
import io.socketflows.transport.ServerTls;
import io.socketflows.transport.ServerTransport;
import io.socketflows.transport.UdpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Servers on Netty's event loops: the flows run on the connections' and sockets' event loops, as nothing they do
 * blocks.
 */
final class NettyServerTransport implements ServerTransport {

	private final ObjectProvider<NettyEventLoops> loops;

	NettyServerTransport(ObjectProvider<NettyEventLoops> loops) {
		this.loops = loops;
	}

	@Override
	public AbstractServerConnectionFactory tcpServer(int port, Framing framing, int bufferSize, int maxMessageSize,
			ConnectionGate gate, Duration idleTimeout, ServerTls tls) {
		NettyTcpServerConnectionFactory factory = new NettyTcpServerConnectionFactory(port, this.loops.getObject());
		factory.setFraming(framing, bufferSize, maxMessageSize);
		factory.setConnectionGate(gate);
		factory.setIdleTimeout(idleTimeout);
		factory.setTls(tls);
		return factory;
	}

	@Override
	public UdpServer udpServer(InetAddress address, int port, DatagramGate gate) {
		return new NettyUdpServer(address, port, gate);
	}

	/** As {@link NettyEventLoops} chooses, without starting them. */
	@Override
	public String describe() {
		return "netty (" + (Epoll.isAvailable() ? "epoll" : "nio") + ")";
	}

}
