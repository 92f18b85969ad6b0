package io.socketflows.transport;

import java.time.Duration;

import io.socketflows.support.Framing;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Builds the server connection factory of each TCP service, on its port and the shared bind address and backlog,
 * on the configured transport, in TLS when the service names an SSL bundle.
 */
public final class TcpServers {

	private final SocketsProperties sockets;

	private final ObjectProvider<NettyEventLoops> loops;

	private final ObjectProvider<? extends TaskExecutor> executor;

	private final AddressRules rules;

	private final ObjectProvider<SslBundles> sslBundles;

	TcpServers(SocketsProperties sockets, ObjectProvider<NettyEventLoops> loops,
			ObjectProvider<? extends TaskExecutor> executor, AddressRules rules,
			ObjectProvider<SslBundles> sslBundles) {
		this.sockets = sockets;
		this.loops = loops;
		this.executor = executor;
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
		ConnectionGate gate = new ConnectionGate(limits, this.rules);
		ServerTls tls = tls(service);
		AbstractServerConnectionFactory factory = switch (this.sockets.transport()) {
			case NETTY -> netty(service, framing, bufferSize, maxMessageSize, gate, limits.idleTimeout(), tls);
			case NET -> net(service, framing.codec(bufferSize, maxMessageSize), gate, limits.idleTimeout(), tls);
		};
		factory.setLocalAddress(this.sockets.bindAddress().getHostAddress());
		factory.setBacklog(this.sockets.backlog());
		factory.setSingleUse(singleUse);
		factory.setLookupHost(false);
		return factory;
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

	/** The flows run on the connections' event loops: nothing they do blocks. */
	private AbstractServerConnectionFactory netty(SocketService service, Framing framing, int bufferSize,
			int maxMessageSize, ConnectionGate gate, Duration idleTimeout, ServerTls tls) {
		NettyTcpServerConnectionFactory factory = new NettyTcpServerConnectionFactory(this.sockets.port(service),
				this.loops.getObject());
		factory.setFraming(framing, bufferSize, maxMessageSize);
		factory.setConnectionGate(gate);
		factory.setIdleTimeout(idleTimeout);
		factory.setTls(tls);
		return factory;
	}

	/**
	 * Blocking connections: one thread reads a connection and writes each reply before the next read, so the
	 * bytes of a connection come back in order (Spring Integration's NIO factory hands chunks of one connection
	 * to several threads). The idle timeout is the sockets' read timeout, as Spring Integration's single-use
	 * default (10 s) is, set here for every service.
	 */
	private AbstractServerConnectionFactory net(SocketService service, Framing.Codec codec, ConnectionGate gate,
			Duration idleTimeout, ServerTls tls) {
		return Tcp.netServer(this.sockets.port(service))
			.serializer(codec.serializer())
			.deserializer(codec.deserializer())
			.taskExecutor(this.executor.getObject())
			// As the netty transport: an echo written in pieces must not wait for the peer's delayed ACK.
			.soTcpNoDelay(true)
			.connectionSupport(new GatedNetConnectionSupport(gate, idleTimeout, tls))
			.soTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()))
			.getObject();
	}

}
