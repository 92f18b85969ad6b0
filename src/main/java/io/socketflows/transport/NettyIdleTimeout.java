package io.socketflows.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Closes a connection that carried no byte in either direction for the idle timeout, with a refusal event
 * ({@code idle}); bytes still leaving for a slow reader count as traffic.
 */
final class NettyIdleTimeout extends IdleStateHandler {

	private final String factoryName;

	private final ApplicationEventPublisher publisher;

	private final Duration timeout;

	NettyIdleTimeout(Duration timeout, String factoryName, ApplicationEventPublisher publisher) {
		// observeOutput: a reply the peer is still reading is traffic, not silence.
		super(true, 0, 0, timeout.toNanos(), TimeUnit.NANOSECONDS);
		this.timeout = timeout;
		this.factoryName = factoryName;
		this.publisher = publisher;
	}

	@Override
	protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
		if (event.state() != IdleState.ALL_IDLE || !ctx.channel().isActive()) {
			return;
		}
		if (ctx.pipeline().get(NettyTlsHandshake.HANDSHAKE) != null) {
			// Still in its TLS handshake, which has a timeout of its own: one refusal (handshake), not two.
			return;
		}
		if (this.publisher != null) {
			this.publisher.publishEvent(new ConnectionRefusedEvent(this, this.factoryName, ctx.channel().remoteAddress(),
					ConnectionRefusedEvent.Reason.IDLE, "no traffic for " + this.timeout.toMillis() + " ms"));
		}
		ctx.close();
	}

}
