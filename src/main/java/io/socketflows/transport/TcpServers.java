package io.socketflows.transport;

import java.time.Duration;

import io.socketflows.support.Framing;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Builds the server connection factory of each TCP service, on its port and the shared bind address and backlog,
 * on the configured transport.
 */
public final class TcpServers {

	private final SocketsProperties sockets;

	private final ObjectProvider<NettyEventLoops> loops;

	private final ObjectProvider<? extends TaskExecutor> executor;

	private final AddressRules rules;

	TcpServers(SocketsProperties sockets, ObjectProvider<NettyEventLoops> loops,
			ObjectProvider<? extends TaskExecutor> executor, AddressRules rules) {
		this.sockets = sockets;
		this.loops = loops;
		this.executor = executor;
		this.rules = rules;
	}

	/**
	 * @param service a TCP service
	 * @param framing how its stream is cut into messages and its replies written
	 * @param bufferSize the largest read in {@link Framing#RAW}
	 * @param maxMessageSize the largest frame in the framed modes
	 * @param singleUse whether each connection closes once its reply is written
	 * @return the factory, to declare as the service's server bean, with the service's limits and the address rules
	 */
	public AbstractServerConnectionFactory server(SocketService service, Framing framing, int bufferSize,
			int maxMessageSize, boolean singleUse) {
		SocketsProperties.TcpLimits limits = this.sockets.limits(service);
		ConnectionGate gate = new ConnectionGate(limits, this.rules);
		AbstractServerConnectionFactory factory = switch (this.sockets.transport()) {
			case NETTY -> netty(service, framing, bufferSize, maxMessageSize, gate, limits.idleTimeout());
			case NET -> net(service, framing.codec(bufferSize, maxMessageSize), gate, limits.idleTimeout());
		};
		factory.setLocalAddress(this.sockets.bindAddress().getHostAddress());
		factory.setBacklog(this.sockets.backlog());
		factory.setSingleUse(singleUse);
		factory.setLookupHost(false);
		return factory;
	}

	/** The flows run on the connections' event loops: nothing they do blocks. */
	private AbstractServerConnectionFactory netty(SocketService service, Framing framing, int bufferSize,
			int maxMessageSize, ConnectionGate gate, Duration idleTimeout) {
		NettyTcpServerConnectionFactory factory = new NettyTcpServerConnectionFactory(this.sockets.port(service),
				this.loops.getObject());
		factory.setFraming(framing, bufferSize, maxMessageSize);
		factory.setConnectionGate(gate);
		factory.setIdleTimeout(idleTimeout);
		return factory;
	}

	/**
	 * Blocking connections: one thread reads a connection and writes each reply before the next read, so the
	 * bytes of a connection come back in order (Spring Integration's NIO factory hands chunks of one connection
	 * to several threads). The idle timeout is the sockets' read timeout, as Spring Integration's single-use
	 * default (10 s) is, set here for every service.
	 */
	private AbstractServerConnectionFactory net(SocketService service, Framing.Codec codec, ConnectionGate gate,
			Duration idleTimeout) {
		return Tcp.netServer(this.sockets.port(service))
			.serializer(codec.serializer())
			.deserializer(codec.deserializer())
			.taskExecutor(this.executor.getObject())
			.connectionSupport(new GatedNetConnectionSupport(gate, idleTimeout))
			.soTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()))
			.getObject();
	}

}
