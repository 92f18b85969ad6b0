package io.socketflows.transport;

import java.net.SocketAddress;

/**
 * A connection the transport refused before it opened: at accept (a limit, an address rule) or in its TLS
 * handshake. It never counts as open, so no close follows.
 */
public final class ConnectionRefusedEvent extends ConnectionRejectedEvent {

	/**
	 * @param source the server connection factory (or another transport component) that refused it
	 * @param connectionFactoryName the bean name of the service's server factory
	 * @param remote the client's address, if known
	 * @param reason why
	 * @param detail what a log line says beyond the reason, or an empty string
	 */
	public ConnectionRefusedEvent(Object source, String connectionFactoryName, SocketAddress remote, Reason reason,
			String detail) {
		super(source, connectionFactoryName, remote, reason, detail);
	}

	@Override
	public String outcome() {
		return "refused";
	}

}
