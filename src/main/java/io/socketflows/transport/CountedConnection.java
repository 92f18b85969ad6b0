package io.socketflows.transport;

import java.time.Instant;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * A server connection of an observed service ({@link TcpServers#observe}): the source of its open, close and
 * exception events, with what it has carried for the operators' view of open connections.
 */
public interface CountedConnection extends TcpConnection {

	/** @return the bean name of its server, which names the service */
	String getConnectionFactoryName();

	/** @return when it was accepted */
	Instant openedAt();

	/** @return payload bytes received */
	long bytesIn();

	/** @return payload bytes sent */
	long bytesOut();

}
