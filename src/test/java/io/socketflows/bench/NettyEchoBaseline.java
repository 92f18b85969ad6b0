package io.socketflows.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The benchmark's baseline: Netty's own echo example (its {@code EchoServerHandler}) on epoll, and a datagram
 * echo beside it. {@code java NettyEchoBaseline TCP_PORT UDP_PORT}; port 0 prints the port taken.
 */
final class NettyEchoBaseline {

	private NettyEchoBaseline() {
	}

	public static void main(String[] args) throws InterruptedException {
		int tcpPort = Integer.parseInt(args[0]);
		int udpPort = Integer.parseInt(args[1]);
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
		try {
			Channel tcp = new ServerBootstrap().group(boss, workers)
				.channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
				.option(ChannelOption.SO_BACKLOG, 4096)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new EchoServerHandler())
				.bind(tcpPort)
				.sync()
				.channel();
			Channel udp = new Bootstrap().group(workers)
				.channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
				.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
				.handler(new DatagramEchoHandler())
				.bind(udpPort)
				.sync()
				.channel();
			System.out.println("baseline (" + (epoll ? "epoll" : "nio") + ") tcp " + tcp.localAddress() + " udp "
					+ udp.localAddress());
			tcp.closeFuture().sync();
		}
		finally {
			boss.shutdownGracefully();
			workers.shutdownGracefully();
		}
	}

	/** As Netty's example: write what was read, flush once the read burst is over. */
	@Sharable
	static final class EchoServerHandler extends ChannelInboundHandlerAdapter {

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

	/** Each datagram back to its sender, whole, from the port it came to. */
	@Sharable
	static final class DatagramEchoHandler extends SimpleChannelInboundHandler<DatagramPacket> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
			ctx.write(new DatagramPacket(packet.content().retain(), packet.sender()));
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

	}

}
