package io.socketflows.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.ssl.SSLSocket;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * TLS on the {@code net} transport: each accepted socket is layered in a server TLS socket of the bundle as it is
 * then (so a reloaded bundle applies to new connections), and its connection's thread does the handshake under
 * the timeout before it reads, so that neither the acceptor nor other clients wait for it.
 * <p>
 * Spring Integration's own {@code DefaultTcpNetSSLSocketFactorySupport} makes one {@code SSLServerSocket} at
 * start-up, which a reload cannot change, and hands the handshake to the first read with the idle timeout.
 */
final class NetTlsConnectionSupport implements TcpNetConnectionSupport {

	private final ServerTls tls;

	NetTlsConnectionSupport(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			ApplicationEventPublisher publisher, String connectionFactoryName) {
		try {
			return new NetTlsConnection(this.tls.wrap(socket), lookupHost, publisher, connectionFactoryName,
					(int) this.tls.handshakeTimeout().toMillis());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A blocking TLS connection that opens only once its handshake is done. */
	private static final class NetTlsConnection extends TcpNetConnection {

		private final SSLSocket socket;

		private final ApplicationEventPublisher publisher;

		private final int handshakeTimeoutMillis;

		NetTlsConnection(SSLSocket socket, boolean lookupHost, ApplicationEventPublisher publisher,
				String connectionFactoryName, int handshakeTimeoutMillis) {
			super(socket, true, lookupHost, publisher, connectionFactoryName);
			this.socket = socket;
			this.publisher = publisher;
			this.handshakeTimeoutMillis = handshakeTimeoutMillis;
		}

		@Override
		public void run() {
			SocketAddress remote = this.socket.getRemoteSocketAddress();
			try {
				// A read timeout: each read of the handshake has this long, a client that trickles bytes more.
				int readTimeout = this.socket.getSoTimeout();
				this.socket.setSoTimeout(this.handshakeTimeoutMillis);
				this.socket.startHandshake();
				this.socket.setSoTimeout(readTimeout);
			}
			catch (IOException ex) {
				closeConnection(true);
				if (this.publisher != null) {
					this.publisher.publishEvent(new ConnectionRefusedEvent(this, getConnectionFactoryName(), remote,
							ConnectionRefusedEvent.Reason.HANDSHAKE, NettyTlsHandshake.describe(ex)));
				}
				return;
			}
			super.run();
		}

	}

}
