package io.socketflows.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

import io.socketflows.client.ClientFailure.Status;

import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * A client connection factory that connects as the loop over {@code getaddrinfo} does in
 * {@code helloClient6.py}: to each address of the host in turn until one accepts, each within the timeout.
 * <p>
 * It opens one connection in its life: a client talks over one connection, and Spring Integration's client
 * factories would otherwise open a new one for the next send after the server closed the first.
 */
public final class FallbackTcpNetClientConnectionFactory extends TcpNetClientConnectionFactory {

	private final ClientTarget target;

	private final AtomicBoolean connected = new AtomicBoolean();

	public FallbackTcpNetClientConnectionFactory(ClientTarget target) {
		super(target.host(), target.port());
		this.target = target;
		setLookupHost(false);
	}

	@Override
	protected Socket createSocket(String host, int port) throws IOException {
		if (this.connected.getAndSet(true)) {
			throw new ClientFailure(Status.FAILED, this.target + " closed the connection");
		}
		IOException last = null;
		for (InetSocketAddress address : this.target.socketAddresses()) {
			Socket socket = getTcpSocketFactorySupport().getSocketFactory().createSocket();
			try {
				socket.connect(address, (int) this.target.timeout().toMillis());
				return socket;
			}
			catch (IOException ex) {
				socket.close();
				last = ex;
			}
		}
		throw this.target.connectFailure(last);
	}

}
