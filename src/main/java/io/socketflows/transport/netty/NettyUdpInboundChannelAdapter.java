package io.socketflows.transport.netty;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.socketflows.support.LogLimiter;
import io.socketflows.transport.UdpServer;
import io.socketflows.transport.UncopiedMessageHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

/**
 * Receives UDP datagrams on Netty event loops, one {@code byte[]} message per datagram, for replies that
 * leave through {@link NettyUdpOutboundHandler} from the socket they arrived on.
 * <p>
 * The message carries the headers Spring Integration's {@code DatagramPacketMessageMapper} gives without a
 * reverse DNS lookup ({@link IpHeaders#PACKET_ADDRESS}, {@link IpHeaders#IP_ADDRESS}, {@link IpHeaders#PORT},
 * {@link IpHeaders#HOSTNAME} as the address), plus {@link #RECEIVING_CHANNEL}. The flow runs on the event loop
 * of the socket, so one peer's datagrams are handled, and answered, in the order they came.
 */
class NettyUdpInboundChannelAdapter extends MessageProducerSupport {

	/** Header: the Netty {@link Channel} the datagram arrived on, which its reply leaves from. */
	public static final String RECEIVING_CHANNEL = UdpServer.RECEIVING_CHANNEL;

	/**
	 * Set on a socket's channel while its event loop delivers a burst of datagrams: replies written then are
	 * flushed together at the end of the burst (one {@code sendmmsg}), as Netty's own echo example does.
	 */
	static final AttributeKey<Boolean> READ_BURST = AttributeKey.valueOf(NettyUdpInboundChannelAdapter.class,
			"readBurst");

	/**
	 * Every receive buffer holds the largest UDP payload (65,527 bytes over IPv6, 65,507 over IPv4): a smaller
	 * one would cut a longer datagram without a word (recvmsg truncates). The buffer comes from Netty's pooled
	 * allocator and goes back to it once the datagram is copied into a byte[] of its exact length, so a
	 * receive costs the datagram's length in garbage, not 64 KiB as Spring Integration's adapter does.
	 */
	static final int RECEIVE_BUFFER_SIZE = 65_535;

	/** Datagrams read per wake-up of the event loop, at most; their replies are flushed together. */
	static final int MAX_DATAGRAMS_PER_READ = 16;

	/** The most reply bytes one socket queues for the kernel: a read burst of the largest datagrams, twice. */
	static final int REPLY_QUEUE_BYTES = 2 * MAX_DATAGRAMS_PER_READ * 65_536;

	private static final Logger logger = LoggerFactory.getLogger(NettyUdpInboundChannelAdapter.class);

	private static final long STOP_TIMEOUT_SECONDS = 5;

	private final LogLimiter warnings = new LogLimiter(5);

	private final int port;

	private InetAddress localAddress = wildcard();

	private int socketCount;

	private boolean preferNative = true;

	private volatile List<Channel> channels = List.of();

	private volatile int boundPort;

	private volatile String failure;

	private volatile boolean nativeTransport;

	private EventLoopGroup group;

	/** @param port the port to bind, 0 for any free one (then {@link #getPort()} tells which) */
	NettyUdpInboundChannelAdapter(int port) {
		Assert.isTrue(port >= 0 && port <= 65535, "port must be 0-65535");
		this.port = port;
	}

	/** @param localAddress the address to bind; the IPv4 wildcard {@code 0.0.0.0} (default) also takes IPv6 */
	public void setLocalAddress(InetAddress localAddress) {
		this.localAddress = localAddress;
	}

	/**
	 * How many sockets share the port with {@code SO_REUSEPORT}, each on its own event loop thread. The
	 * kernel hashes each peer's address to one of them, so one peer's datagrams stay in order.
	 * @param socketCount the number of sockets; 0 (default) for one per processor on epoll and 1 on NIO,
	 * which has no {@code SO_REUSEPORT} here: a larger count is then reduced to 1
	 */
	void setSocketCount(int socketCount) {
		Assert.isTrue(socketCount >= 0, "socketCount must not be negative");
		this.socketCount = socketCount;
	}

	/** @param preferNative whether to use epoll where it is available (default), else NIO */
	void setPreferNative(boolean preferNative) {
		this.preferNative = preferNative;
	}

	/** @return the bound port once listening, else the configured one */
	public int getPort() {
		int bound = this.boundPort;
		return (bound != 0) ? bound : this.port;
	}

	/** @return the address it binds, as written ({@code 0.0.0.0}, {@code ::1}, ...) */
	public String getLocalAddress() {
		return this.localAddress.getHostAddress();
	}

	/** @return whether every socket is bound and reading */
	public boolean isListening() {
		List<Channel> bound = this.channels;
		return !bound.isEmpty() && bound.stream().allMatch(Channel::isActive);
	}

	/** @return why the last start could not bind, if it could not */
	public Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	/** @return how many sockets are bound now */
	int getSocketCount() {
		return this.channels.size();
	}

	/** @return whether the sockets are epoll's (else NIO's) */
	boolean isNativeTransport() {
		return this.nativeTransport;
	}

	@Override
	public String getComponentType() {
		return "netty:udp-inbound-channel-adapter";
	}

	/**
	 * Decides, before the datagram is copied, whether it goes down the flow; a subclass that drops it says so.
	 * @param sender where it came from
	 * @param bytes its payload size
	 * @return true (the default) to deliver it
	 */
	protected boolean admit(InetSocketAddress sender, int bytes) {
		return true;
	}

	/**
	 * A socket reported an error: on a datagram socket, almost always a reply written in a read burst that the
	 * kernel refused (replies in a burst carry no promise of their own, see {@link NettyUdpOutboundHandler}).
	 * @param cause what failed
	 */
	protected void socketFailed(Throwable cause) {
	}

	/** A socket to reply from when a message does not say which one it came in on. */
	Optional<Channel> anyChannel() {
		return this.channels.stream().filter(Channel::isActive).findFirst();
	}

	/**
	 * Binds every socket now, so the port is known when start returns. A failure is recorded for health and the
	 * start-up check, logged in one line, and leaves the adapter running but not listening, as Spring
	 * Integration's adapter does; stop then start tries again.
	 */
	@Override
	protected void doStart() {
		super.doStart();
		this.failure = null;
		boolean epoll = this.preferNative && Epoll.isAvailable();
		int count = socketCount(epoll);
		this.nativeTransport = epoll;
		this.group = new MultiThreadIoEventLoopGroup(count, new DefaultThreadFactory("udp-netty", true),
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
			// Up to 16 datagrams per wake-up, Netty's datagram default (the allocator's own default is 1): their
			// replies leave together at the end of the burst, in one sendmmsg.
			.option(ChannelOption.RCVBUF_ALLOCATOR,
					new FixedRecvByteBufAllocator(RECEIVE_BUFFER_SIZE).maxMessagesPerRead(MAX_DATAGRAMS_PER_READ))
			// A failed send (no route, too large) must fail that datagram only, never close the socket.
			.option(ChannelOption.AUTO_CLOSE, false)
			// The replies of one read burst (16 datagrams, of up to 64 KiB each) wait for its flush; beyond that
			// the socket counts as unable to send and its replies are dropped (NettyUdpOutboundHandler).
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(2 * REPLY_QUEUE_BYTES / 3,
					REPLY_QUEUE_BYTES))
			.handler(new ChannelInitializer<>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(new DatagramReader());
				}

			});
		if (count > 1) {
			bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
		}
		InetAddress address = bindable(this.localAddress, epoll);
		List<Channel> bound = new ArrayList<>(count);
		try {
			if (count > 1 && this.port != 0) {
				probe(address, this.port);
			}
			int portToBind = this.port;
			for (int i = 0; i < count; i++) {
				ChannelFuture bind = bootstrap.bind(new InetSocketAddress(address, portToBind)).awaitUninterruptibly();
				if (!bind.isSuccess()) {
					throw bind.cause();
				}
				bound.add(bind.channel());
				portToBind = ((InetSocketAddress) bind.channel().localAddress()).getPort();
			}
			this.boundPort = portToBind;
			this.channels = List.copyOf(bound);
			logger.debug("udp: {} socket(s) on {}:{} ({})", count, getLocalAddress(), portToBind,
					epoll ? "epoll" : "nio");
		}
		catch (Throwable ex) {
			this.failure = String.valueOf(BindFailures.asJdk(ex));
			logger.warn("udp: cannot bind {}:{}: {}", getLocalAddress(), this.port, this.failure);
			bound.forEach((channel) -> channel.close().awaitUninterruptibly());
			shutDownGroup();
		}
	}

	/** Closes the sockets: a late reply then fails, it never binds the port again. */
	@Override
	protected void doStop() {
		List<Channel> bound = this.channels;
		this.channels = List.of();
		this.boundPort = 0;
		bound.forEach((channel) -> channel.close().awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
		shutDownGroup();
		super.doStop();
	}

	private void shutDownGroup() {
		EventLoopGroup toShutDown = this.group;
		this.group = null;
		if (toShutDown != null) {
			Future<?> terminated = toShutDown.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			// An event loop cannot wait for itself to end.
			boolean onOwnLoop = false;
			for (var executor : toShutDown) {
				onOwnLoop |= executor.inEventLoop();
			}
			if (!onOwnLoop) {
				terminated.awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
	}

	private int socketCount(boolean epoll) {
		if (!epoll) {
			if (this.socketCount > 1) {
				logger.info("udp: SO_REUSEPORT needs epoll: 1 socket instead of {}", this.socketCount);
			}
			return 1;
		}
		return (this.socketCount > 0) ? this.socketCount : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * The JVM opens its sockets dual-stack and binds {@code 0.0.0.0} as {@code ::}; Netty's epoll would bind it
	 * as {@code ::ffff:0.0.0.0}, IPv4 only. Binding {@code ::} there keeps the JVM's meaning.
	 */
	private static InetAddress bindable(InetAddress address, boolean epoll) {
		if (epoll && address instanceof Inet4Address && address.isAnyLocalAddress() && Socket.isIPv6Preferred()) {
			try {
				return Inet6Address.getByAddress(null, new byte[16], 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

	/**
	 * With {@code SO_REUSEPORT}, a second process of the same user that also sets it would share the port and
	 * take a part of the peers silently. A plain socket bound first fails if anyone holds the port; the window
	 * between its close and the real bind is short.
	 */
	private static void probe(InetAddress address, int port) throws IOException {
		try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, port))) {
			probe.getLocalPort();
		}
	}

	private static InetAddress wildcard() {
		try {
			return InetAddress.getByAddress(new byte[4]);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Turns each datagram into a message and sends it down the flow, on the socket's event loop; one per
	 * socket, which remembers the last sender's address text (a peer sends many datagrams).
	 */
	private final class DatagramReader extends ChannelInboundHandlerAdapter {

		private InetAddress lastSender;

		private boolean inBurst;

		private String lastHost;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			DatagramPacket packet = (DatagramPacket) msg;
			if (!this.inBurst) {
				// Once per burst, not per datagram: this path is every datagram's.
				this.inBurst = true;
				ctx.channel().attr(READ_BURST).set(Boolean.TRUE);
			}
			try {
				// An empty datagram is a message with an empty payload: the tutorial's udpServer.py answers it like
				// any other, and RFC 862 echoes it, where Spring Integration's mapper drops it. (An empty reply is
				// another matter: Netty does not send empty datagrams, see NettyUdpOutboundHandler.)
				if (admit(packet.sender(), packet.content().readableBytes())) {
					sendMessage(toMessage(packet, ctx.channel()));
				}
			}
			catch (RuntimeException ex) {
				// The flow failed this datagram (and counted it if it counts): the socket goes on with the next.
				NettyUdpInboundChannelAdapter.this.warnings.warn(logger, "udp: datagram from {} not handled: {}",
						packet.sender(), String.valueOf(ex));
			}
			finally {
				packet.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			this.inBurst = false;
			ctx.channel().attr(READ_BURST).set(null);
			ctx.flush();
			ctx.fireChannelReadComplete();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// A datagram socket has no peer to lose: keep reading.
			socketFailed(cause);
			NettyUdpInboundChannelAdapter.this.warnings.warn(logger, "udp: error on {}: {}", ctx.channel().localAddress(),
					String.valueOf(cause));
		}

		/**
		 * The message is built directly, its headers uncopied, rather than through a message builder, which would
		 * copy them twice more: on this path, per datagram, header maps are most of the garbage.
		 */
		private Message<byte[]> toMessage(DatagramPacket packet, Channel channel) {
			ByteBuf content = packet.content();
			byte[] payload = new byte[content.readableBytes()];
			content.getBytes(content.readerIndex(), payload);
			InetSocketAddress sender = packet.sender();
			String host = host(sender.getAddress());
			return new GenericMessage<>(payload, new UncopiedMessageHeaders(UncopiedMessageHeaders.Shared.of(Map.of(
					IpHeaders.HOSTNAME, host, IpHeaders.IP_ADDRESS, host, IpHeaders.PORT, sender.getPort(),
					IpHeaders.PACKET_ADDRESS, sender, RECEIVING_CHANNEL, channel))));
		}

		private String host(InetAddress sender) {
			if (!sender.equals(this.lastSender)) {
				String host = sender.getHostAddress();
				if (host.endsWith("%0")) {
					// Epoll gives IPv6 senders an explicit scope 0 ("::1%0"), the JDK none: name them as the JDK does.
					host = host.substring(0, host.length() - 2);
				}
				this.lastSender = sender;
				this.lastHost = host;
			}
			return this.lastHost;
		}

	}

}
