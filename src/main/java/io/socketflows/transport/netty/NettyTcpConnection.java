package io.socketflows.transport.netty;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandler;
import io.socketflows.support.LogLimiter;
import io.socketflows.transport.ConnectionClosedByServerEvent;
import io.socketflows.transport.ConnectionObserver;
import io.socketflows.transport.ConnectionRejectedEvent;
import io.socketflows.transport.CountedConnection;
import io.socketflows.transport.UncopiedMessageHeaders;
import io.socketflows.transport.netty.FrameCodec.FrameError;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.NoListenerException;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.ip.tcp.serializer.TcpDeserializationExceptionEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * One accepted connection on a Netty channel: each read (raw) or frame goes to the listener as one message, on the
 * channel's event loop, and replies are written back to the channel. It counts what it carries and tells its
 * factory's {@link ConnectionObserver}.
 * <p>
 * It is the channel's last handler itself, keeps its idle time for {@link NettyIdleTimeout}, and reads its
 * addresses from the channel: 10,000 idle connections are a benchmark workload (f1), and each object or copy
 * here costs each of them its bytes.
 */
final class NettyTcpConnection extends TcpConnectionSupport implements CountedConnection, ChannelInboundHandler {

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

	/**
	 * The same for every message of the connection, and shared by their headers (see UncopiedMessageHeaders): built
	 * at its first message (an idle connection does without), immutable. The event loop alone reads and writes it.
	 */
	private UncopiedMessageHeaders.Shared headers;

	/** Under TLS, replies go to the JDK's engine, which reads heap buffers fastest (see JdkTlsHeapInput). */
	private final boolean heapFrames;

	private ChannelHandlerContext context;

	/**
	 * When the last byte came or was written ({@link System#nanoTime()}), for the idle timeout. The event loop
	 * writes it, and so does a reply sent from another thread (an operator's): a check that reads it one round
	 * late sees it at the next.
	 */
	private long lastTraffic = System.nanoTime();

	/** What the outbound buffer held at the last idle check (see {@link #outputMark}), 0 when empty. */
	private int lastOutput;

	/**
	 * The adapter replying on this connection; any others go to Spring Integration's list, which would cost each
	 * connection an array for this one.
	 */
	private volatile TcpSender sender;

	/** Wrapped in interceptors: as in Spring Integration's close, the senders are then theirs to tell. */
	private boolean intercepted;

	/** True while the handler delivers a read: a reply written then waits for the flush at read-complete. */
	private boolean reading;

	private boolean flushPending;

	/**
	 * While a raw read is delivered: its payload and the read buffer, where its bytes lie just before the reader
	 * index. A reply that is this very payload (an echo: messages are immutable) is written as a slice of the read
	 * buffer, retained by the write and released once written or failed, instead of a copy.
	 */
	private byte[] lentPayload;

	private ByteBuf lentBuffer;

	private volatile boolean closeRequested;

	private final long openedAtMillis = System.currentTimeMillis();

	/** Written by the event loop alone (an ordered store, no atomic add), read by the operators' view. */
	private long bytesIn;

	/** Replies may be sent from any thread (an operator's), so each adds atomically. */
	private long bytesOut;

	/** When the request being answered arrived ({@link System#nanoTime()}), 0 when none is waiting. */
	private volatile long requestNanos;

	/**
	 * A connection's id is Spring Integration's for a connection without a {@link java.net.Socket}: a random UUID
	 * (its address is in the headers). Its address and port are the channel's, which keeps them: an idle
	 * connection holds no copy of its own.
	 */
	NettyTcpConnection(Channel channel, NettyTcpServerConnectionFactory factory, ApplicationEventPublisher publisher) {
		super(publisher);
		this.channel = channel;
		this.factory = factory;
		this.heapFrames = channel.pipeline().get(SslHandler.class) != null;
	}

	private InetSocketAddress remote() {
		return (InetSocketAddress) this.channel.remoteAddress();
	}

	private UncopiedMessageHeaders.Shared headers() {
		UncopiedMessageHeaders.Shared headers = this.headers;
		if (headers == null) {
			String address = getHostAddress();
			headers = UncopiedMessageHeaders.Shared.of(Map.of(IpHeaders.CONNECTION_ID, getConnectionId(),
					IpHeaders.IP_ADDRESS, address, IpHeaders.HOSTNAME, address, IpHeaders.REMOTE_PORT, getPort(),
					IpHeaders.LOCAL_ADDRESS, ((InetSocketAddress) this.channel.localAddress()).getAddress()));
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

	/** @return the channel's last handler: the connection itself */
	ChannelInboundHandler handler() {
		return this;
	}

	@Override
	public String getHostAddress() {
		return remote().getAddress().getHostAddress();
	}

	/** The address: no reverse DNS lookup. */
	@Override
	public String getHostName() {
		return getHostAddress();
	}

	@Override
	public int getPort() {
		return remote().getPort();
	}

	@Override
	public void registerSender(TcpSender sender) {
		if (sender != null) {
			registerSenders(List.of(sender));
		}
	}

	@Override
	public void registerSenders(List<TcpSender> senders) {
		for (TcpSender added : senders) {
			if (this.sender == null) {
				this.sender = added;
				added.addNewConnection(this);
			}
			else {
				super.registerSender(added);
			}
		}
	}

	@Override
	public void setWrapped(boolean wrapped) {
		super.setWrapped(wrapped);
		this.intercepted = wrapped;
	}

	@Override
	public TcpSender getSender() {
		return this.sender;
	}

	@Override
	public List<TcpSender> getSenders() {
		if (this.sender == null) {
			return List.of();
		}
		List<TcpSender> all = new ArrayList<>(super.getSenders());
		all.add(0, this.sender);
		return Collections.unmodifiableList(all);
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

	/** @return the connection's channel */
	Channel channel() {
		return this.channel;
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
					// The payload was the bytes just before the reader index.
					? this.lentBuffer.retainedSlice(this.lentBuffer.readerIndex() - bytes.length, bytes.length)
					: this.factory.codec().encode(this.channel.alloc(), bytes, this.heapFrames);
		}
		catch (IllegalArgumentException ex) {
			MessagingException failure = new MessagingException(message, "Send Failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		ChannelHandlerContext ctx = this.context;
		if (this.reading && ctx.executor().inEventLoop()) {
			// The burst's read-complete notes the traffic, for all its replies at once.
			ctx.write(frame, ctx.voidPromise());
			this.flushPending = true;
		}
		else {
			this.lastTraffic = System.nanoTime();
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
			// Once closed: leave the senders (the first here, the others in Spring Integration's close) and publish
			// the close event (once).
			TcpSender first = this.sender;
			if (first != null && !this.intercepted) {
				first.removeDeadConnection(this);
			}
			super.close();
		}
	}

	/**
	 * Closes the connection, with a {@link ConnectionClosedByServerEvent}, when it carried no byte in either
	 * direction for the timeout; bytes still leaving for a slow reader count as traffic. On the event loop.
	 * @param now {@link System#nanoTime()}
	 * @param timeoutNanos the idle timeout
	 */
	void closeIfIdle(long now, long timeoutNanos) {
		if (!this.channel.isOpen()) {
			return;
		}
		int output = outputMark();
		if (output != this.lastOutput) {
			this.lastOutput = output;
			this.lastTraffic = now;
		}
		if (now - this.lastTraffic < timeoutNanos) {
			return;
		}
		try {
			ApplicationEventPublisher publisher = this.factory.getApplicationEventPublisher();
			if (publisher != null) {
				publisher.publishEvent(new ConnectionClosedByServerEvent(this, this.factory.getName(),
						this.channel.remoteAddress(), ConnectionRejectedEvent.Reason.IDLE,
						"no traffic for " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
			}
		}
		finally {
			this.channel.close();
		}
	}

	/**
	 * What the outbound buffer holds, as one number that changes whenever bytes leave: its pending bytes, the
	 * progress of the message being written and which message that is, mixed, or 0 when it is empty. Two different
	 * states give the same number once in 2^32 checks, and then cost a slow reader one check's worth of its idle
	 * time; three fields would cost each connection 16 bytes more.
	 */
	private int outputMark() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		long pending = (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
		if (pending == 0) {
			return 0;
		}
		long mark = mix(pending);
		mark = mix(mark ^ buffer.currentProgress());
		mark = mix(mark ^ System.identityHashCode(buffer.current()));
		return (int) (mark ^ (mark >>> 32)) | 1;
	}

	/** The finalizer of MurmurHash3 (64 bits): every input bit changes half the output bits. */
	private static long mix(long value) {
		long h = value;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

	/** A failure of the connection's own code outside any read: logged by the pipeline, and the connection closed. */
	void closeAfter(RuntimeException failure) {
		this.channel.pipeline().fireExceptionCaught(failure);
		this.channel.close();
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
		Message<byte[]> message = new GenericMessage<>(payload, new UncopiedMessageHeaders(headers()));
		try {
			TcpListener listener = getListener();
			if (listener == null) {
				throw new NoListenerException("No listener");
			}
			listener.onMessage(message);
		}
		catch (NoListenerException ex) {
			errorLog.warn(log, "Unexpected message - no endpoint registered with connection: {} ({})", remote(),
					getConnectionId());
		}
		catch (Exception ex) {
			errorLog.error(log, "Exception sending message from {} ({})", remote(), getConnectionId(), ex);
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
		errorLog.warn(log, "Read exception {} ({}) {}:{}", remote(), getConnectionId(),
				cause.getClass().getSimpleName(), cause.getMessage());
		close();
	}

	// The channel's end of the pipeline: opens, reads, back-pressure, half-close and close. The events it does not
	// handle pass on.

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
	}

	@Override
	public void channelRegistered(ChannelHandlerContext ctx) {
		ctx.fireChannelRegistered();
	}

	@Override
	public void channelUnregistered(ChannelHandlerContext ctx) {
		ctx.fireChannelUnregistered();
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.context = ctx;
		this.factory.opened(this);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.reading = true;
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
			this.reading = false;
		}
		// Far beyond the high water mark within a burst: flush now (see channelWritabilityChanged).
		Channel channel = ctx.channel();
		if (!channel.isWritable() && pendingWriteBytes() > 2L * channel.config().getWriteBufferHighWaterMark()) {
			flushReplies(ctx);
		}
	}

	/** Flushes the burst's replies; a peer that leaves them unwritten sends faster than it reads: not read now. */
	private void flushReplies(ChannelHandlerContext ctx) {
		if (this.flushPending) {
			this.flushPending = false;
			ctx.flush();
		}
		Channel channel = ctx.channel();
		if (!channel.isWritable() && !this.closeRequested) {
			channel.config().setAutoRead(false);
		}
	}

	/**
	 * Each read is one message, cut into messages of at most the buffer size as successive reads would be. The
	 * read buffer is lent to replies written while its payload is delivered (see {@link #lentPayload}); under
	 * TLS the engine wants heap buffers, so there it is not.
	 */
	private void readRaw(ByteBuf buffer) {
		boolean lend = !this.heapFrames;
		int bufferSize = this.factory.bufferSize();
		try {
			while (buffer.isReadable()) {
				int length = Math.min(buffer.readableBytes(), bufferSize);
				byte[] payload = ByteBufUtil.getBytes(buffer, buffer.readerIndex(), length);
				buffer.skipBytes(length);
				if (lend) {
					this.lentPayload = payload;
					this.lentBuffer = buffer;
				}
				deliver(payload);
			}
		}
		finally {
			this.lentPayload = null;
			this.lentBuffer = null;
			buffer.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.lastTraffic = System.nanoTime();
		flushReplies(ctx);
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
		this.lastTraffic = System.nanoTime();
		Channel channel = ctx.channel();
		if (!this.closeRequested) {
			if (channel.isWritable()) {
				channel.config().setAutoRead(true);
			}
			else if (!this.reading) {
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
		if (!this.closeRequested) {
			publishConnectionExceptionEvent(failure);
			sendExceptionToListener(failure);
		}
		if (this.logger.isDebugEnabled()) {
			this.logger.debug("Connection failed " + remote() + " (" + getConnectionId() + ")",
					cause);
		}
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.factory.closed(this);
		// Through the interceptors, as Spring Integration's connections do: they leave the senders too.
		closeConnection(true);
		ctx.fireChannelInactive();
	}

}
