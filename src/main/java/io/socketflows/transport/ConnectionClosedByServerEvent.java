package io.socketflows.transport;

import java.net.SocketAddress;

/**
 * An open connection the transport closed for a reason of policy ({@link Reason#IDLE}); its ordinary close event
 * follows.
 */
public final class ConnectionClosedByServerEvent extends ConnectionRejectedEvent {

	/**
	 * @param source the transport component that closed it
	 * @param connectionFactoryName the bean name of the service's server factory
	 * @param remote the client's address, if known
	 * @param reason why
	 * @param detail what a log line says beyond the reason, or an empty string
	 */
	public ConnectionClosedByServerEvent(Object source, String connectionFactoryName, SocketAddress remote,
			Reason reason, String detail) {
		super(source, connectionFactoryName, remote, reason, detail);
	}

	@Override
	public String outcome() {
		return "closed";
	}

}
