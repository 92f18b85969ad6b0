package io.socketflows.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Epoll where the native library loads (Linux x86-64), NIO otherwise.
 *
 * @param name {@code epoll} or {@code nio}, for the report
 */
record NettyTransport(String name, IoHandlerFactory handlers, Class<? extends Channel> tcp,
		Class<? extends Channel> udp) {

	static NettyTransport best() {
		if (Epoll.isAvailable()) {
			return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
					EpollDatagramChannel.class);
		}
		return new NettyTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioDatagramChannel.class);
	}

	EventLoopGroup group(int threads) {
		// Daemon threads: a stuck shutdown cannot keep the process alive.
		return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench", true), this.handlers);
	}

}
