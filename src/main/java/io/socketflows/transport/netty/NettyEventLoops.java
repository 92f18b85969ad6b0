package io.socketflows.transport.netty;

import java.util.concurrent.TimeUnit;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * An acceptor and a worker event loop group, on epoll where the native transport loads and on NIO otherwise,
 * that several connection factories can share.
 */
final class NettyEventLoops implements AutoCloseable {

	private final boolean epoll;

	private final MultiThreadIoEventLoopGroup boss;

	private final MultiThreadIoEventLoopGroup workers;

	/** Epoll when available, Netty's default worker count (twice the cores). */
	NettyEventLoops() {
		this(0, true);
	}

	/**
	 * @param workerThreads worker event loops, 0 for Netty's default (twice the cores)
	 * @param preferEpoll use epoll when it is available; false forces NIO
	 */
	NettyEventLoops(int workerThreads, boolean preferEpoll) {
		if (workerThreads < 0) {
			throw new IllegalArgumentException("workerThreads must not be negative, was " + workerThreads);
		}
		this.epoll = preferEpoll && Epoll.isAvailable();
		IoHandlerFactory io = this.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		// Daemon threads: a context that is never closed must not keep the JVM alive.
		this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netty-tcp-accept", true), io);
		this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("netty-tcp", true), io);
	}

	/** @return true on the native epoll transport, false on NIO */
	public boolean isEpoll() {
		return this.epoll;
	}

	/** @return {@code epoll} or {@code nio} */
	public String transport() {
		return this.epoll ? "epoll" : "nio";
	}

	/** @return the group that accepts connections */
	public MultiThreadIoEventLoopGroup acceptors() {
		return this.boss;
	}

	/** @return the group that reads and writes connections */
	public MultiThreadIoEventLoopGroup workers() {
		return this.workers;
	}

	Class<? extends ServerChannel> serverChannelClass() {
		return this.epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

	/** Lets queued writes and closes run, then stops the threads (waits up to 5 s). */
	@Override
	public void close() {
		this.boss.shutdownGracefully(0, 5, TimeUnit.SECONDS);
		this.workers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS);
		this.boss.terminationFuture().awaitUninterruptibly(6, TimeUnit.SECONDS);
		this.workers.terminationFuture().awaitUninterruptibly(6, TimeUnit.SECONDS);
	}

}
