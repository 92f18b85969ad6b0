package io.socketflows.transport.netty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.Future;
import io.socketflows.transport.ConnectionClosedByServerEvent;
import io.socketflows.transport.ConnectionRejectedEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Closes a connection that carried no byte in either direction for the idle timeout, with a
 * {@link ConnectionClosedByServerEvent} ({@code idle}); bytes still leaving for a slow reader count as traffic.
 * <p>
 * Netty's {@code IdleStateHandler} would do, but it turns every write's void promise into a real one with a
 * listener, an allocation and a notification per reply on the hot path. Here a write only notes the time, and
 * one check per timeout reads the clock and the outbound buffer's progress, as {@code observeOutput} does.
 */
final class NettyIdleTimeout extends ChannelDuplexHandler {

	private final String factoryName;

	private final ApplicationEventPublisher publisher;

	private final Duration timeout;

	private final long timeoutNanos;

	/** The channel's event loop alone reads and writes the fields below. */
	private long lastTraffic;

	private long lastPendingBytes;

	private long lastProgress;

	private int lastCurrentIdentity;

	private Future<?> check;

	NettyIdleTimeout(Duration timeout, String factoryName, ApplicationEventPublisher publisher) {
		this.timeout = timeout;
		this.timeoutNanos = timeout.toNanos();
		this.factoryName = factoryName;
		this.publisher = publisher;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			start(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		start(ctx);
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		stop();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		stop();
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.lastTraffic = System.nanoTime();
		ctx.fireChannelReadComplete();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		this.lastTraffic = System.nanoTime();
		ctx.write(msg, promise);
	}

	/** A slow reader draining its replies below the low water mark: bytes left, between two checks perhaps. */
	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		this.lastTraffic = System.nanoTime();
		ctx.fireChannelWritabilityChanged();
	}

	private void start(ChannelHandlerContext ctx) {
		if (this.check == null) {
			this.lastTraffic = System.nanoTime();
			schedule(ctx, this.timeoutNanos);
		}
	}

	private void stop() {
		Future<?> scheduled = this.check;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	private void schedule(ChannelHandlerContext ctx, long delayNanos) {
		this.check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
	}

	private void check(ChannelHandlerContext ctx) {
		if (!ctx.channel().isOpen()) {
			return;
		}
		try {
			checkNow(ctx);
		}
		catch (RuntimeException ex) {
			// Nothing would reschedule the check: the connection must not stay open silently.
			ctx.fireExceptionCaught(ex);
			ctx.close();
		}
	}

	private void checkNow(ChannelHandlerContext ctx) {
		long now = System.nanoTime();
		if (outputMoved(ctx)) {
			this.lastTraffic = now;
		}
		long idle = now - this.lastTraffic;
		if (idle < this.timeoutNanos) {
			schedule(ctx, this.timeoutNanos - idle);
		}
		else if (ctx.pipeline().get(NettyTlsHandshake.HANDSHAKE) != null) {
			// Still in its TLS handshake, which has a timeout of its own: one refusal (handshake), not two.
			schedule(ctx, this.timeoutNanos);
		}
		else {
			closeIdle(ctx);
		}
	}

	/** @return whether bytes written earlier left, or are leaving, since the last check */
	private boolean outputMoved(ChannelHandlerContext ctx) {
		ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
		if (buffer == null) {
			return false;
		}
		long pending = buffer.totalPendingWriteBytes();
		long progress = buffer.currentProgress();
		int current = System.identityHashCode(buffer.current());
		boolean moved = (pending > 0 || this.lastPendingBytes > 0) && (pending != this.lastPendingBytes
				|| progress != this.lastProgress || current != this.lastCurrentIdentity);
		this.lastPendingBytes = pending;
		this.lastProgress = progress;
		this.lastCurrentIdentity = current;
		return moved;
	}

	private void closeIdle(ChannelHandlerContext ctx) {
		try {
			if (this.publisher != null) {
				this.publisher.publishEvent(new ConnectionClosedByServerEvent(this, this.factoryName,
						ctx.channel().remoteAddress(), ConnectionRejectedEvent.Reason.IDLE,
						"no traffic for " + this.timeout.toMillis() + " ms"));
			}
		}
		finally {
			ctx.close();
		}
	}

}
