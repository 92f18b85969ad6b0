package io.socketflows.transport.netty;

import java.net.SocketAddress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.socketflows.support.JdkTlsHeapInput;
import io.socketflows.transport.ConnectionRefusedEvent;
import io.socketflows.transport.ConnectionRejectedEvent;
import io.socketflows.transport.ServerTls;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Holds a TLS channel back from the connection until its handshake is done: the connection opens (and is counted)
 * only once the client has shown it speaks TLS; a failed, reset or timed-out handshake is a refusal, not a
 * connection.
 */
final class NettyTlsHandshake extends ChannelInboundHandlerAdapter {

	/** The names of the handlers in the pipeline, first of all. */
	static final String TLS = "tls";

	static final String HANDSHAKE = "tls-handshake";

	static final String HEAP_INPUT = "tls-heap-input";

	private final NettyTcpServerConnectionFactory factory;

	private boolean active;

	private NettyTlsHandshake(NettyTcpServerConnectionFactory factory) {
		this.factory = factory;
	}

	/**
	 * Puts the TLS handler and the handshake's gate first in a new channel's pipeline.
	 * @param pipeline the channel's pipeline, before the connection's handlers are added
	 * @param tls the service's TLS
	 * @param factory the factory, which names the service in refusals
	 */
	static void addTo(ChannelPipeline pipeline, ServerTls tls, NettyTcpServerConnectionFactory factory) {
		pipeline.addFirst(HANDSHAKE, new NettyTlsHandshake(factory));
		pipeline.addFirst(TLS, tls.newHandler(pipeline.channel().alloc()));
		pipeline.addFirst(HEAP_INPUT, JdkTlsHeapInput.INSTANCE);
	}

	/** Not yet: the connection becomes active when the handshake succeeds. */
	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.active = true;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (!(event instanceof SslHandshakeCompletionEvent completion)) {
			ctx.fireUserEventTriggered(event);
			return;
		}
		if (completion.isSuccess()) {
			if (this.active) {
				ctx.fireChannelActive();
			}
			ctx.pipeline().remove(this);
		}
		else {
			refuse(ctx, completion.cause());
		}
	}

	/** The TLS handler's own failures (not TLS at all, bad certificate) end in the completion event. */
	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

	/** Closed before its handshake completed: the connection never opened, so it has nothing to close. */
	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
	}

	private void refuse(ChannelHandlerContext ctx, Throwable cause) {
		SocketAddress remote = ctx.channel().remoteAddress();
		ctx.close();
		ApplicationEventPublisher publisher = this.factory.getApplicationEventPublisher();
		if (publisher != null) {
			String name = (this.factory.getComponentName() != null) ? this.factory.getComponentName() : "unknown";
			publisher.publishEvent(new ConnectionRefusedEvent(this.factory, name, remote,
					ConnectionRejectedEvent.Reason.HANDSHAKE, ServerTls.describeHandshakeFailure(cause)));
		}
	}

}
