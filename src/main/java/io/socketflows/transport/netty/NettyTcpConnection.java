package io.socketflows.transport.netty;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandler;
import io.socketflows.support.LogLimiter;
import io.socketflows.transport.ConnectionObserver;
import io.socketflows.transport.CountedConnection;
import io.socketflows.transport.netty.FrameCodec.FrameError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.NoListenerException;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.serializer.TcpDeserializationExceptionEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * One accepted connection on a Netty channel: each read (raw) or frame goes to the listener as one message, on the
 * channel's event loop, and replies are written back to the channel. It counts what it carries and tells its
 * factory's {@link ConnectionObserver}.
 */
final class NettyTcpConnection extends TcpConnectionSupport implements CountedConnection {

	private static final Logger log = LoggerFactory.getLogger(NettyTcpConnection.class);

	private static final VarHandle BYTES_IN;

	private static final VarHandle BYTES_OUT;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			BYTES_IN = lookup.findVarHandle(NettyTcpConnection.class, "bytesIn", long.class);
			BYTES_OUT = lookup.findVarHandle(NettyTcpConnection.class, "bytesOut", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final LogLimiter errorLog = new LogLimiter(5);

	private final Channel channel;

	private final NettyTcpServerConnectionFactory factory;

	private final FrameCodec codec;

	private final int bufferSize;

	private final String connectionId;

	private final String hostAddress;

	private final int port;

	/**
	 * The same for every message of the connection: built at its first message (an idle connection does without),
	 * never changed after, copied by each message's headers (from a plain map: an unmodifiable view would wrap
	 * every entry of every copy). The event loop alone reads and writes it.
	 */
	private Map<String, Object> headers;

	private final Handler handler = new Handler();

	/** Under TLS, replies go to the JDK's engine, which reads heap buffers fastest (see JdkTlsHeapInput). */
	private final boolean heapFrames;

	private ChannelHandlerContext context;

	/** Null without an idle timeout, or until the connection's handler is added. */
	private NettyIdleTimeout idle;

	/** True while the handler delivers a read: a reply written then waits for the flush at read-complete. */
	private boolean reading;

	private boolean flushPending;

	/**
	 * While a raw read is delivered: its payload and where its bytes lie in the read buffer. A reply that is this
	 * very payload (an echo: messages are immutable) is written as a slice of the read buffer, retained by the
	 * write and released once written or failed, instead of a copy.
	 */
	private byte[] lentPayload;

	private ByteBuf lentBuffer;

	private int lentIndex;

	private volatile boolean closeRequested;

	private final long openedAtMillis = System.currentTimeMillis();

	/** Written by the event loop alone (an ordered store, no atomic add), read by the operators' view. */
	private long bytesIn;

	/** Replies may be sent from any thread (an operator's), so each adds atomically. */
	private long bytesOut;

	/** When the request being answered arrived ({@link System#nanoTime()}), 0 when none is waiting. */
	private volatile long requestNanos;

	NettyTcpConnection(Channel channel, NettyTcpServerConnectionFactory factory, FrameCodec codec, int bufferSize,
			ApplicationEventPublisher publisher) {
		super(publisher);
		this.channel = channel;
		this.factory = factory;
		this.codec = codec;
		this.bufferSize = bufferSize;
		this.heapFrames = channel.pipeline().get(SslHandler.class) != null;
		InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
		InetSocketAddress local = (InetSocketAddress) channel.localAddress();
		this.hostAddress = remote.getAddress().getHostAddress();
		this.port = remote.getPort();
		// The format of Spring Integration's ids (host:port:localPort:uuid), with the address as host name.
		this.connectionId = this.hostAddress + ":" + this.port + ":" + local.getPort() + ":" + UUID.randomUUID();
	}

	private Map<String, Object> headers() {
		Map<String, Object> headers = this.headers;
		if (headers == null) {
			headers = new HashMap<>(16);
			// Overwritten by each message: with them here its copy of the map is sized for every header at once.
			headers.put(MessageHeaders.ID, MessageHeaders.ID_VALUE_NONE);
			headers.put(MessageHeaders.TIMESTAMP, 0L);
			headers.put(IpHeaders.CONNECTION_ID, this.connectionId);
			headers.put(IpHeaders.IP_ADDRESS, this.hostAddress);
			headers.put(IpHeaders.HOSTNAME, this.hostAddress);
			headers.put(IpHeaders.REMOTE_PORT, this.port);
			headers.put(IpHeaders.LOCAL_ADDRESS, ((InetSocketAddress) this.channel.localAddress()).getAddress());
			this.headers = headers;
		}
		return headers;
	}

	/** Netty's event loop reads: there is no reading thread to run. */
	@Override
	public void run() {
	}

	void opened() {
		publishConnectionOpenEvent();
	}

	ChannelInboundHandlerAdapter handler() {
		return this.handler;
	}

	@Override
	public String getConnectionId() {
		return this.connectionId;
	}

	@Override
	public String getHostAddress() {
		return this.hostAddress;
	}

	/** The address: no reverse DNS lookup. */
	@Override
	public String getHostName() {
		return this.hostAddress;
	}

	@Override
	public int getPort() {
		return this.port;
	}

	@Override
	public Instant openedAt() {
		return Instant.ofEpochMilli(this.openedAtMillis);
	}

	@Override
	public long bytesIn() {
		return (long) BYTES_IN.getOpaque(this);
	}

	@Override
	public long bytesOut() {
		return (long) BYTES_OUT.getOpaque(this);
	}

	@Override
	public boolean isServer() {
		return true;
	}

	@Override
	public String getConnectionFactoryName() {
		return this.factory.getName();
	}

	@Override
	public boolean isOpen() {
		return !this.closeRequested && this.channel.isOpen();
	}

	/** Messages are pushed by the event loop, never pulled. */
	@Override
	public Object getPayload() {
		throw new UnsupportedOperationException("A Netty connection delivers its messages; they cannot be pulled");
	}

	@Override
	public Object getDeserializerStateKey() {
		return null;
	}

	/** @return the TLS session once the handshake is done, null on a plain connection */
	@Override
	public SSLSession getSslSession() {
		SslHandler tls = this.channel.pipeline().get(SslHandler.class);
		return (tls != null) ? tls.engine().getSession() : null;
	}

	@Override
	public void shutdownInput() throws IOException {
		await(this.channel.isActive() ? ((io.netty.channel.socket.SocketChannel) this.channel).shutdownInput() : null);
	}

	@Override
	public void shutdownOutput() throws IOException {
		await(this.channel.isActive() ? ((io.netty.channel.socket.SocketChannel) this.channel).shutdownOutput()
				: null);
	}

	private static void await(ChannelFuture future) throws IOException {
		if (future != null && !future.awaitUninterruptibly().isSuccess()) {
			throw new IOException("Shutdown failed", future.cause());
		}
	}

	/** @return bytes written but not yet accepted by the socket */
	long pendingWriteBytes() {
		var buffer = this.channel.unsafe().outboundBuffer();
		return buffer != null ? buffer.totalPendingWriteBytes() : 0;
	}

	/** @return true while reading is paused because the peer does not read its replies */
	boolean isReadPaused() {
		return this.channel.isActive() && !this.channel.config().isAutoRead();
	}

	/**
	 * Writes a reply; on the event loop during a read it is flushed once the read burst is delivered, from any
	 * other thread at once.
	 */
	@Override
	public void send(Message<?> message) {
		Object payload = message.getPayload();
		byte[] bytes = (payload instanceof byte[] array) ? array : (byte[]) getMapper().fromMessage(message);
		if (!isOpen()) {
			MessagingException failure = new MessagingException(message, "Send Failed",
					new SocketException("Connection is closed"));
			publishConnectionExceptionEvent(failure);
			throw failure;
		}
		ByteBuf frame;
		try {
			frame = (bytes == this.lentPayload && this.reading && this.channel.eventLoop().inEventLoop())
					? this.lentBuffer.retainedSlice(this.lentIndex, bytes.length)
					: this.codec.encode(this.channel.alloc(), bytes, this.heapFrames);
		}
		catch (IllegalArgumentException ex) {
			MessagingException failure = new MessagingException(message, "Send Failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		ChannelHandlerContext ctx = this.context;
		NettyIdleTimeout idle = this.idle;
		if (idle != null) {
			idle.traffic();
		}
		if (this.reading && ctx.executor().inEventLoop()) {
			ctx.write(frame, ctx.voidPromise());
			this.flushPending = true;
		}
		else {
			ctx.writeAndFlush(frame, ctx.voidPromise());
		}
		BYTES_OUT.getAndAdd(this, (long) bytes.length);
		ConnectionObserver observer = this.factory.getObserver();
		observer.sent(bytes.length);
		long request = this.requestNanos;
		if (request != 0) {
			this.requestNanos = 0;
			observer.answered(Duration.ofNanos(System.nanoTime() - request));
		}
	}

	/**
	 * Closes once the replies written so far are flushed; a peer that does not read them within the reply
	 * timeout is cut off.
	 */
	@Override
	public void close() {
		this.closeRequested = true;
		if (this.channel.isOpen()) {
			this.channel.config().setAutoRead(false);
			ChannelFuture flushed = this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
			flushed.addListener(ChannelFutureListener.CLOSE);
			if (!flushed.isDone()) {
				this.channel.eventLoop().schedule(() -> this.channel.close(),
						NettyTcpServerConnectionFactory.CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		else {
			// Once closed: leave the senders and publish the close event (once).
			super.close();
		}
	}

	private void deliver(byte[] payload) {
		if (this.closeRequested) {
			return;
		}
		BYTES_IN.setRelease(this, this.bytesIn + payload.length);
		ConnectionObserver observer = this.factory.getObserver();
		observer.received(payload.length);
		if (observer.timesReplies()) {
			this.requestNanos = System.nanoTime();
		}
		Message<byte[]> message = new GenericMessage<>(payload, headers());
		try {
			TcpListener listener = getListener();
			if (listener == null) {
				throw new NoListenerException("No listener");
			}
			listener.onMessage(message);
		}
		catch (NoListenerException ex) {
			errorLog.warn(log, "Unexpected message - no endpoint registered with connection: {}", this.connectionId);
		}
		catch (Exception ex) {
			errorLog.error(log, "Exception sending message from {}", this.connectionId, ex);
		}
	}

	private void failed(FrameError error) {
		Exception cause = error.cause();
		ApplicationEventPublisher publisher = this.factory.getApplicationEventPublisher();
		if (publisher != null) {
			publisher.publishEvent(new TcpDeserializationExceptionEvent(this.factory.getDeserializer(), cause,
					error.buffer(), error.offset()));
		}
		publishConnectionExceptionEvent(cause);
		sendExceptionToListener(cause);
		errorLog.warn(log, "Read exception {} {}:{}", this.connectionId, cause.getClass().getSimpleName(),
				cause.getMessage());
		close();
	}

	/** The channel's end of the pipeline: opens, reads, back-pressure, half-close, idle time and close. */
	private final class Handler extends ChannelInboundHandlerAdapter {

		/** An accepted channel is active already: its idle time counts from here, through a TLS handshake. */
		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			if (ctx.channel().isActive()) {
				startIdleTimeout(ctx);
			}
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			stopIdleTimeout();
		}

		private void startIdleTimeout(ChannelHandlerContext ctx) {
			if (NettyTcpConnection.this.idle == null && !NettyTcpConnection.this.factory.getIdleTimeout().isZero()) {
				NettyTcpConnection.this.idle = new NettyIdleTimeout(NettyTcpConnection.this.factory, ctx);
			}
		}

		private void stopIdleTimeout() {
			if (NettyTcpConnection.this.idle != null) {
				NettyTcpConnection.this.idle.stop();
			}
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			startIdleTimeout(ctx);
			NettyTcpConnection.this.context = ctx;
			NettyTcpConnection.this.factory.opened(NettyTcpConnection.this);
			ctx.fireChannelActive();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			NettyTcpConnection.this.reading = true;
			try {
				if (msg instanceof ByteBuf buffer) {
					readRaw(buffer);
				}
				else if (msg instanceof byte[] frame) {
					deliver(frame);
				}
				else if (msg instanceof FrameError error) {
					failed(error);
				}
			}
			finally {
				NettyTcpConnection.this.reading = false;
			}
			// Far beyond the high water mark within a burst: flush now, and if the peer does not take the replies,
			// stop reading it (see channelWritabilityChanged).
			Channel channel = ctx.channel();
			if (!channel.isWritable() && pendingWriteBytes() > 2L * channel.config().getWriteBufferHighWaterMark()) {
				if (NettyTcpConnection.this.flushPending) {
					NettyTcpConnection.this.flushPending = false;
					ctx.flush();
				}
				if (!channel.isWritable() && !NettyTcpConnection.this.closeRequested) {
					channel.config().setAutoRead(false);
				}
			}
		}

		/**
		 * Each read is one message, cut into messages of at most the buffer size as successive reads would be. The
		 * read buffer is lent to replies written while its payload is delivered (see {@link #lentPayload}); under
		 * TLS the engine wants heap buffers, so there it is not.
		 */
		private void readRaw(ByteBuf buffer) {
			boolean lend = !NettyTcpConnection.this.heapFrames;
			try {
				while (buffer.isReadable()) {
					byte[] payload = new byte[Math.min(buffer.readableBytes(), NettyTcpConnection.this.bufferSize)];
					int index = buffer.readerIndex();
					buffer.readBytes(payload);
					if (lend) {
						NettyTcpConnection.this.lentPayload = payload;
						NettyTcpConnection.this.lentBuffer = buffer;
						NettyTcpConnection.this.lentIndex = index;
					}
					deliver(payload);
				}
			}
			finally {
				NettyTcpConnection.this.lentPayload = null;
				NettyTcpConnection.this.lentBuffer = null;
				buffer.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			if (NettyTcpConnection.this.idle != null) {
				NettyTcpConnection.this.idle.traffic();
			}
			if (NettyTcpConnection.this.flushPending) {
				NettyTcpConnection.this.flushPending = false;
				ctx.flush();
			}
			Channel channel = ctx.channel();
			if (!channel.isWritable() && !NettyTcpConnection.this.closeRequested) {
				// The burst's replies did not all leave: the peer does not read them as fast as it sends.
				channel.config().setAutoRead(false);
			}
			ctx.fireChannelReadComplete();
		}

		/**
		 * Back-pressure: a peer that does not read its replies is not read either, until it drains them. Replies
		 * written during a read burst pass the high water mark often (an echo of a 64 KiB read does) and leave at
		 * the burst's flush: pausing and resuming for them would cost two {@code epoll_ctl} calls a burst. So a
		 * burst pauses only when its replies are still unwritten after a flush: at its end, or once they pass twice
		 * the mark.
		 */
		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			// A slow reader draining its replies below the low water mark: bytes left, between two checks perhaps.
			if (NettyTcpConnection.this.idle != null) {
				NettyTcpConnection.this.idle.traffic();
			}
			Channel channel = ctx.channel();
			if (!NettyTcpConnection.this.closeRequested) {
				if (channel.isWritable()) {
					channel.config().setAutoRead(true);
				}
				else if (!NettyTcpConnection.this.reading) {
					// Replies sent from another thread (an operator's), outside any read burst.
					channel.config().setAutoRead(false);
				}
			}
			ctx.fireChannelWritabilityChanged();
		}

		/** Half-close: the peer has sent everything; its replies go out, then the connection closes. */
		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event instanceof ChannelInputShutdownEvent) {
				close();
			}
			ctx.fireUserEventTriggered(event);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// The ops code tells network failures by SocketException; epoll reports them as plain IOExceptions.
			Exception failure = (cause instanceof SocketException socket) ? socket
					: (cause instanceof IOException) ? (SocketException) new SocketException(cause.getMessage())
						.initCause(cause)
					: (cause instanceof Exception ex) ? ex : new IllegalStateException(cause);
			if (!NettyTcpConnection.this.closeRequested) {
				publishConnectionExceptionEvent(failure);
				sendExceptionToListener(failure);
			}
			if (NettyTcpConnection.this.logger.isDebugEnabled()) {
				NettyTcpConnection.this.logger.debug("Connection failed " + NettyTcpConnection.this.connectionId,
						cause);
			}
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			stopIdleTimeout();
			NettyTcpConnection.this.factory.closed(NettyTcpConnection.this);
			// Through the interceptors, as Spring Integration's connections do: they leave the senders too.
			closeConnection(true);
			ctx.fireChannelInactive();
		}

	}

}
