package io.socketflows.transport;

import io.socketflows.support.Framing;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Builds the server connection factory of each TCP service, on its port and the shared bind address and backlog.
 */
public final class TcpServers {

	private final SocketsProperties sockets;

	private final TaskExecutor executor;

	TcpServers(SocketsProperties sockets, TaskExecutor executor) {
		this.sockets = sockets;
		this.executor = executor;
	}

	/**
	 * Blocking connections: one thread reads a connection and writes each reply before the next read, so the
	 * bytes of a connection come back in order (Spring Integration's NIO factory hands chunks of one connection
	 * to several threads).
	 * @param service a TCP service
	 * @param codec how its stream is cut into messages and its replies written
	 * @param singleUse whether each connection closes once its reply is written
	 * @return the factory, to declare as the service's server bean
	 */
	public AbstractServerConnectionFactory server(SocketService service, Framing.Codec codec, boolean singleUse) {
		return Tcp.netServer(this.sockets.port(service))
			.localAddress(this.sockets.bindAddress().getHostAddress())
			.backlog(this.sockets.backlog())
			.serializer(codec.serializer())
			.deserializer(codec.deserializer())
			.singleUseConnections(singleUse)
			.taskExecutor(this.executor)
			.lookupHost(false)
			.getObject();
	}

}
