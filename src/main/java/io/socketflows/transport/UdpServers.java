package io.socketflows.transport;

import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

/**
 * Builds the UDP server of a service, on its port and the shared bind address, on the configured {@link ServerTransport}.
 */
public final class UdpServers {

	private final SocketsProperties sockets;

	private final ServerTransport transport;

	private final AddressRules rules;

	UdpServers(SocketsProperties sockets, ServerTransport transport, AddressRules rules) {
		this.sockets = sockets;
		this.transport = transport;
		this.rules = rules;
	}

	/**
	 * @param service a UDP service
	 * @return its server, to declare as the service's server bean, with the address rules, the amplification budget and the rate limit
	 */
	public UdpServer server(SocketService service) {
		DatagramGate gate = new DatagramGate(this.sockets.udp(), this.rules);
		return this.transport.udpServer(this.sockets.bindAddress(), this.sockets.port(service), gate);
	}

}
