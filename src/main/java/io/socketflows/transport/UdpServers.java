package io.socketflows.transport;

import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

/**
 * Builds the UDP server of a service, on its port and the shared bind address, on the configured transport.
 */
public final class UdpServers {

	private final SocketsProperties sockets;

	UdpServers(SocketsProperties sockets) {
		this.sockets = sockets;
	}

	/**
	 * @param service a UDP service
	 * @return its server, to declare as the service's server bean
	 */
	public UdpServer server(SocketService service) {
		return switch (this.sockets.transport()) {
			case NETTY -> new NettyUdpServer(this.sockets.bindAddress(), this.sockets.port(service));
			case NET -> new NetUdpServer(this.sockets.bindAddress(), this.sockets.port(service));
		};
	}

}
