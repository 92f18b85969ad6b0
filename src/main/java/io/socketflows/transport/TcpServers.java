package io.socketflows.transport;

import io.socketflows.support.Framing;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;

/**
 * Builds the server connection factory of each TCP service, on its port and the shared bind address and backlog,
 * on the configured {@link ServerTransport}, in TLS when the service names an SSL bundle.
 */
public final class TcpServers {

	private final SocketsProperties sockets;

	private final ServerTransport transport;

	private final AddressRules rules;

	private final ObjectProvider<SslBundles> sslBundles;

	TcpServers(SocketsProperties sockets, ServerTransport transport, AddressRules rules,
			ObjectProvider<SslBundles> sslBundles) {
		this.sockets = sockets;
		this.transport = transport;
		this.rules = rules;
		this.sslBundles = sslBundles;
	}

	/**
	 * @param service a TCP service
	 * @param framing how its stream is cut into messages and its replies written
	 * @param bufferSize the largest read in {@link Framing#RAW}
	 * @param maxMessageSize the largest frame in the framed modes
	 * @param singleUse whether each connection closes once its reply is written
	 * @return the factory, to declare as the service's server bean, with the service's limits and the address rules
	 */
	public AbstractServerConnectionFactory server(SocketService service, Framing framing, int bufferSize,
			int maxMessageSize, boolean singleUse) {
		SocketsProperties.TcpLimits limits = this.sockets.limits(service);
		AbstractServerConnectionFactory factory = this.transport.tcpServer(this.sockets.port(service), framing,
				bufferSize, maxMessageSize, new ConnectionGate(limits, this.rules), limits.idleTimeout(), tls(service));
		factory.setLocalAddress(this.sockets.bindAddress().getHostAddress());
		factory.setBacklog(this.sockets.backlog());
		factory.setSingleUse(singleUse);
		factory.setLookupHost(false);
		return factory;
	}

	/**
	 * Makes every connection of a server a {@link CountedConnection} that tells the observer what it carries: the
	 * connection itself on a {@link CountingServer}, an interceptor around it on Spring Integration's factories.
	 * @param server a service's server, before it starts
	 * @param observer told of every message of every connection
	 */
	public static void observe(AbstractServerConnectionFactory server, ConnectionObserver observer) {
		if (server instanceof CountingServer counting) {
			counting.setObserver(observer);
		}
		else {
			TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
			chain.setInterceptor(() -> new CountingInterceptor(server.getApplicationEventPublisher(), observer));
			server.setInterceptorFactoryChain(chain);
		}
	}

	/** @return the service's TLS from its SSL bundle, or null when it has none */
	private ServerTls tls(SocketService service) {
		SocketsProperties.Ssl ssl = this.sockets.ssl(service);
		if (!ssl.enabled()) {
			return null;
		}
		SslBundles bundles = this.sslBundles.getObject();
		try {
			return new ServerTls(bundles, ssl);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("sockets." + service.id() + ".ssl.bundle: no SSL bundle named '"
					+ ssl.bundle() + "' under spring.ssl.bundle.* (known: " + bundles.getBundleNames() + ")", ex);
		}
	}

}
