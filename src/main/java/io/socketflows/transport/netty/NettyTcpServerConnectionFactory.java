package io.socketflows.transport.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.socketflows.support.Framing;
import io.socketflows.support.LogLimiter;
import io.socketflows.transport.ConnectionGate;
import io.socketflows.transport.ConnectionObserver;
import io.socketflows.transport.ConnectionRefusedEvent;
import io.socketflows.transport.CountingServer;
import io.socketflows.transport.ServerTls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.util.Assert;

/**
 * A server connection factory on Netty event loops for Spring Integration's TCP adapters and inbound gateway:
 * connections cost a channel, not a thread, and each read or frame is one message.
 * <p>
 * Builds on protected API of Spring Integration 7.0 ({@code wrapConnection}, {@code setListening},
 * {@code publishServerExceptionEvent}, the connections map): {@code NettyTcpSpiTests} fails when it changes.
 */
class NettyTcpServerConnectionFactory extends AbstractServerConnectionFactory implements CountingServer {

	private static final Logger log = LoggerFactory.getLogger(NettyTcpServerConnectionFactory.class);

	/** Absorbs a burst of 10,000 connects where Spring Integration's 5 (and the JDK's 50) would overflow. */
	static final int DEFAULT_BACKLOG = 4096;

	/** How long a closing connection may take to flush its replies to a peer that does not read them. */
	static final Duration CLOSE_TIMEOUT = Duration.ofMillis(DEFAULT_REPLY_TIMEOUT);

	private static final LogLimiter refusedLog = new LogLimiter(5);

	private final NettyEventLoops sharedLoops;

	private volatile NettyEventLoops loops;

	private volatile Channel serverChannel;

	private volatile boolean refusing;

	private FrameCodec codec;

	private int bufferSize;

	private ConnectionGate gate;

	/** Gives a closed channel's place in the gate back: one listener for every channel of the gate. */
	private ChannelFutureListener releaseFromGate;

	private Duration idleTimeout = Duration.ZERO;

	/** While listening with an idle timeout. */
	private NettyIdleTimeout idleChecks;

	private ServerTls tls;

	private ConnectionObserver observer = ConnectionObserver.NONE;

	/**
	 * A factory with event loops of its own, started and stopped with it.
	 * @param port the port to listen on, 0 for an ephemeral one ({@link #getPort()} tells it once listening)
	 */
	NettyTcpServerConnectionFactory(int port) {
		this(port, null);
	}

	/**
	 * A factory on shared event loops, which the caller closes after the factories stopped.
	 * @param port the port to listen on, 0 for an ephemeral one
	 * @param loops the shared event loops, or null for loops of its own
	 */
	NettyTcpServerConnectionFactory(int port, NettyEventLoops loops) {
		super(port);
		this.sharedLoops = loops;
		setBacklog(DEFAULT_BACKLOG);
		setFraming(Framing.CRLF, 2048, 2048);
	}

	/**
	 * How the byte stream is cut into messages and how replies are framed, as {@link Framing#codec} with
	 * Spring Integration's serializers.
	 * @param framing the framing of requests and replies
	 * @param bufferSize the largest read in {@link Framing#RAW}
	 * @param maxMessageSize the largest frame in the framed modes; a longer one closes the connection
	 */
	public void setFraming(Framing framing, int bufferSize, int maxMessageSize) {
		Assert.notNull(framing, "framing must not be null");
		Assert.isTrue(bufferSize > 0, "bufferSize must be positive");
		Assert.isTrue(maxMessageSize > 0, "maxMessageSize must be positive");
		Assert.state(!isActive(), "Cannot change the framing while running");
		this.codec = new FrameCodec(framing, maxMessageSize);
		this.bufferSize = bufferSize;
		// Spring Integration's own codec, for getSerializer()/getDeserializer() and as the deserialization
		// events' source; the bytes are cut by FrameCodec, which matches it.
		Framing.Codec springCodec = framing.codec(bufferSize, maxMessageSize);
		super.setSerializer(springCodec.serializer());
		super.setDeserializer(springCodec.deserializer());
	}

	/** @return the framing of requests and replies */
	public Framing getFraming() {
		return this.codec.framing();
	}

	/** Not supported: the framing decides both, see {@link #setFraming}. */
	@Override
	public void setSerializer(Serializer<?> serializer) {
		throw new UnsupportedOperationException("Use setFraming(Framing, bufferSize, maxMessageSize)");
	}

	/** Not supported: the framing decides both, see {@link #setFraming}. */
	@Override
	public void setDeserializer(Deserializer<?> deserializer) {
		throw new UnsupportedOperationException("Use setFraming(Framing, bufferSize, maxMessageSize)");
	}

	/**
	 * Admits each accepted connection or closes it at once, with a {@link ConnectionRefusedEvent}.
	 * @param gate the service's limits and address rules, or null for none
	 */
	public void setConnectionGate(ConnectionGate gate) {
		Assert.state(!isActive(), "Cannot change the gate while running");
		this.gate = gate;
		// A channel keeps its remote address once closed.
		this.releaseFromGate = (gate != null)
				? (closed) -> gate.release(((InetSocketAddress) closed.channel().remoteAddress()).getAddress()) : null;
	}

	/**
	 * Closes a connection with no traffic in either direction for this long, with a
	 * {@link io.socketflows.transport.ConnectionClosedByServerEvent}.
	 * @param idleTimeout the timeout, zero (the default) for none
	 */
	public void setIdleTimeout(Duration idleTimeout) {
		Assert.isTrue(!idleTimeout.isNegative(), "idleTimeout must not be negative");
		Assert.state(!isActive(), "Cannot change the idle timeout while running");
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Speaks TLS: each connection opens once its handshake is done; a failed or timed-out one is refused.
	 * @param tls the service's TLS, or null for plain TCP (the default)
	 */
	public void setTls(ServerTls tls) {
		Assert.state(!isActive(), "Cannot change TLS while running");
		this.tls = tls;
	}

	/** Its connections count what they carry and tell the observer (no interceptor needed for that). */
	@Override
	public void setObserver(ConnectionObserver observer) {
		Assert.notNull(observer, "observer must not be null");
		Assert.state(!isActive(), "Cannot change the observer while running");
		this.observer = observer;
	}

	ConnectionObserver getObserver() {
		return this.observer;
	}

	FrameCodec codec() {
		return this.codec;
	}

	/** @return the largest read in {@link Framing#RAW} */
	int bufferSize() {
		return this.bufferSize;
	}

	/** @return the bean name, as the connections' events carry it */
	String getName() {
		String name = getComponentName();
		return (name != null) ? name : "unknown";
	}

	/** @return {@code epoll} or {@code nio} once started, else null */
	String getTransport() {
		NettyEventLoops current = this.loops;
		return current != null ? current.transport() : null;
	}

	@Override
	public String getComponentType() {
		return "netty-tcp-server-connection-factory";
	}

	/** Binds on the calling thread: once it returns the factory listens, or has published why not. */
	@Override
	public void start() {
		this.lifecycleMonitor.lock();
		try {
			if (isActive()) {
				return;
			}
			setActive(true);
			this.refusing = false;
			bind();
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	private void bind() {
		NettyEventLoops current = (this.sharedLoops != null) ? this.sharedLoops : new NettyEventLoops();
		this.loops = current;
		try {
			ServerBootstrap bootstrap = new ServerBootstrap().group(current.acceptors(), current.workers())
				.channel(current.serverChannelClass())
				.option(ChannelOption.SO_BACKLOG, getBacklog())
				.option(ChannelOption.SO_REUSEADDR, true)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
				.childOption(ChannelOption.SO_KEEPALIVE, isSoKeepAlive())
				// Back-pressure: with more than 64 KiB of replies unwritten after a flush a connection is no longer
				// read, below 32 KiB it is again (Netty's default, named for NettyTcpConnection's
				// channelWritabilityChanged).
				.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.DEFAULT)
				.childHandler(new Initializer());
			if (getSoReceiveBufferSize() > 0) {
				bootstrap.childOption(ChannelOption.SO_RCVBUF, getSoReceiveBufferSize());
			}
			if (getSoSendBufferSize() > 0) {
				bootstrap.childOption(ChannelOption.SO_SNDBUF, getSoSendBufferSize());
			}
			if (getSoLinger() >= 0) {
				bootstrap.childOption(ChannelOption.SO_LINGER, getSoLinger());
			}
			if (getFraming() == Framing.RAW && this.bufferSize < 64) {
				// Reads stay within Netty's default (64 B to 64 KiB) and are cut into messages of at most
				// bufferSize, what successive reads of bufferSize would give, with fewer system calls.
				int size = this.bufferSize;
				bootstrap.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(size, size, 65536));
			}
			ChannelFuture bound = bootstrap.bind(bindAddress()).awaitUninterruptibly();
			if (!bound.isSuccess()) {
				throw bound.cause();
			}
			this.serverChannel = bound.channel();
			if (!this.idleTimeout.isZero()) {
				this.idleChecks = new NettyIdleTimeout(this.idleTimeout, current.workers(), this::openConnections);
			}
			setListening(true);
			logger.debug(() -> this + " Listening on " + current.transport());
			ApplicationEventPublisher publisher = getApplicationEventPublisher();
			if (publisher != null) {
				publisher.publishEvent(new TcpConnectionServerListeningEvent(this, getPort()));
			}
		}
		catch (Throwable ex) {
			Exception failure = BindFailures.asJdk(ex);
			// The listening-failure event is reported once, by whoever listens to it: no stack trace here.
			logger.debug(failure, "Error on ServerSocket; port = " + getPort());
			setListening(false);
			setActive(false);
			releaseLoops();
			if (getApplicationEventPublisher() != null) {
				publishServerExceptionEvent(failure);
			}
		}
	}

	private SocketAddress bindAddress() throws UnknownHostException {
		String local = getLocalAddress();
		return (local == null) ? new InetSocketAddress(super.getPort())
				: new InetSocketAddress(InetAddress.getByName(local), super.getPort());
	}

	/** Nothing to run: Netty's event loops accept and read; {@link #start()} binds. */
	@Override
	public void run() {
	}

	@Override
	public void stop() {
		this.lifecycleMonitor.lock();
		try {
			Channel channel = this.serverChannel;
			this.serverChannel = null;
			if (channel != null) {
				channel.close().awaitUninterruptibly();
			}
			if (this.idleChecks != null) {
				this.idleChecks.stop();
				this.idleChecks = null;
			}
			setListening(false);
			super.stop();
			releaseLoops();
		}
		finally {
			this.lifecycleMonitor.unlock();
		}
	}

	private void releaseLoops() {
		NettyEventLoops current = this.loops;
		this.loops = null;
		if (current != null && current != this.sharedLoops) {
			current.close();
		}
	}

	/** New connections are accepted and closed at once; open ones keep being served. */
	@Override
	public int beforeShutdown() {
		this.refusing = true;
		return super.beforeShutdown();
	}

	/** The bound port when configured with 0. */
	@Override
	public int getPort() {
		int port = super.getPort();
		Channel channel = this.serverChannel;
		if (port == 0 && channel != null) {
			port = ((InetSocketAddress) channel.localAddress()).getPort();
		}
		return port;
	}

	@Override
	public SocketAddress getServerSocketAddress() {
		Channel channel = this.serverChannel;
		return (channel != null) ? channel.localAddress() : null;
	}

	/** A new channel's connection is open: wrap it in the interceptors, give it the adapters, announce it. */
	void opened(NettyTcpConnection connection) {
		TcpConnectionSupport wrapped = wrapConnection(connection);
		if (getListener() != null) {
			wrapped.registerListener(getListener());
		}
		wrapped.registerSenders(getSenders());
		wrapped.setMapper(getMapper());
		wrapped.setDeserializer(getDeserializer());
		wrapped.setSerializer(getSerializer());
		connection.opened();
	}

	/** @return the open connection with this id, beneath its interceptors, or null */
	NettyTcpConnection connection(String connectionId) {
		return beneathInterceptors(this.connections.get(connectionId));
	}

	/** @return the open connections, beneath their interceptors */
	private Iterable<NettyTcpConnection> openConnections() {
		return () -> this.connections.values()
			.stream()
			.map(NettyTcpServerConnectionFactory::beneathInterceptors)
			.filter(Objects::nonNull)
			.iterator();
	}

	private static NettyTcpConnection beneathInterceptors(TcpConnectionSupport wrapped) {
		TcpConnectionSupport connection = wrapped;
		while (connection instanceof TcpConnectionInterceptorSupport interceptor) {
			connection = interceptor.getTheConnection();
		}
		return (NettyTcpConnection) connection;
	}

	/** A channel closed: forget its connection now rather than walking every connection later. */
	void closed(NettyTcpConnection connection) {
		this.connections.remove(connection.getConnectionId());
	}

	/** Sets up each accepted channel, or closes it at once while shutting down. */
	private final class Initializer extends ChannelInitializer<Channel> {

		@Override
		protected void initChannel(Channel channel) {
			NettyTcpServerConnectionFactory factory = NettyTcpServerConnectionFactory.this;
			if (factory.refusing || !isActive()) {
				refusedLog.info(log, "New connection from {} rejected; the server is in the process of shutting down.",
						channel.remoteAddress());
				channel.close();
				return;
			}
			if (!admitted(channel)) {
				channel.close();
				return;
			}
			ChannelPipeline pipeline = channel.pipeline();
			if (factory.tls != null) {
				NettyTlsHandshake.addTo(pipeline, factory.tls, factory);
			}
			ByteToMessageDecoder decoder = factory.codec.newDecoder();
			if (decoder != null) {
				pipeline.addLast("frames", decoder);
			}
			NettyTcpConnection connection = new NettyTcpConnection(channel, factory, getApplicationEventPublisher());
			pipeline.addLast("connection", connection.handler());
		}

		/** Holds the connection's place in the gate until its channel closes, or publishes why not. */
		private boolean admitted(Channel channel) {
			ConnectionGate gate = NettyTcpServerConnectionFactory.this.gate;
			if (gate == null || !(channel.remoteAddress() instanceof InetSocketAddress remote)) {
				return true;
			}
			ConnectionGate.Refusal refusal = gate.admit(remote.getAddress());
			if (refusal == null) {
				// One listener for every channel: a lambda per connection would cost each of them its bytes.
				channel.closeFuture().addListener(NettyTcpServerConnectionFactory.this.releaseFromGate);
				return true;
			}
			ApplicationEventPublisher publisher = getApplicationEventPublisher();
			if (publisher != null) {
				publisher.publishEvent(new ConnectionRefusedEvent(NettyTcpServerConnectionFactory.this, getName(),
						remote, refusal.reason(), refusal.detail()));
			}
			return false;
		}

	}

}
