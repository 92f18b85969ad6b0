package io.socketflows.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;

/**
 * The baseline the Netty factory is measured against: Netty's echo example on the same event loops,
 * {@code java PlainNettyEcho PORT}.
 */
final class PlainNettyEcho {

	private PlainNettyEcho() {
	}

	public static void main(String[] args) throws InterruptedException {
		try (NettyEventLoops loops = new NettyEventLoops()) {
			Channel server = new ServerBootstrap().group(loops.acceptors(), loops.workers())
				.channel(loops.serverChannelClass())
				.option(ChannelOption.SO_BACKLOG, 4096)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new EchoHandler())
				.bind(Integer.parseInt(args[0]))
				.sync()
				.channel();
			System.out.println("plain netty echo (" + loops.transport() + ") on " + server.localAddress());
			server.closeFuture().sync();
		}
	}

	/** As Netty's example: write what was read, flush once the read burst is over. */
	@Sharable
	static final class EchoHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ctx.write(msg);
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
