package io.socketflows.transport;

import java.net.InetAddress;
import java.time.Duration;

import io.socketflows.support.Framing;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * What {@code sockets.transport} chooses: the servers' sockets on Netty's event loops ({@code transport.netty}) or on
 * Spring Integration's blocking factories ({@code transport.net}). One bean, declared by the chosen transport's
 * configuration, so that only its threads ever exist; {@link TcpServers} and {@link UdpServers} build on it.
 */
public interface ServerTransport {

	/**
	 * @param port the service's port, 0 for an ephemeral one
	 * @param framing how its stream is cut into messages and its replies written
	 * @param bufferSize the largest read in {@link Framing#RAW}
	 * @param maxMessageSize the largest frame in the framed modes
	 * @param gate the service's limits and address rules
	 * @param idleTimeout the idle timeout, zero for none
	 * @param tls the service's TLS, or null for plain TCP
	 * @return the server connection factory, not yet configured for the bind address and backlog
	 */
	AbstractServerConnectionFactory tcpServer(int port, Framing framing, int bufferSize, int maxMessageSize,
			ConnectionGate gate, Duration idleTimeout, ServerTls tls);

	/**
	 * @param address the address to bind
	 * @param port the service's port, 0 for an ephemeral one
	 * @param gate the address rules, the rate limit and the amplification budget
	 * @return the UDP server
	 */
	UdpServer udpServer(InetAddress address, int port, DatagramGate gate);

	/** @return the transport as the start-up line names it: {@code netty (epoll)}, {@code netty (nio)} or {@code net} */
	String describe();

}
