package io.socketflows.transport;

import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

/**
 * Builds the UDP server of a service, on its port and the shared bind address, on the configured transport.
 */
public final class UdpServers {

	private final SocketsProperties sockets;

	private final AddressRules rules;

	UdpServers(SocketsProperties sockets, AddressRules rules) {
		this.sockets = sockets;
		this.rules = rules;
	}

	/**
	 * @param service a UDP service
	 * @return its server, to declare as the service's server bean, with the address rules, the amplification budget and the rate limit
	 */
	public UdpServer server(SocketService service) {
		DatagramGate gate = new DatagramGate(this.sockets.udp(), this.rules);
		return switch (this.sockets.transport()) {
			case NETTY -> new NettyUdpServer(this.sockets.bindAddress(), this.sockets.port(service), gate);
			case NET -> new NetUdpServer(this.sockets.bindAddress(), this.sockets.port(service), gate);
		};
	}

}
