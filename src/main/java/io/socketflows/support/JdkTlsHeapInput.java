package io.socketflows.support;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Goes before an {@code SslHandler} of the JDK's engine and hands it the bytes read in a heap buffer: the JDK
 * decrypts a direct buffer block by block in Java (AES-GCM's GHASH without its intrinsic), a heap one with the
 * intrinsic; one copy costs far less (the measurements: bench/results/notes-in-code.md). Netty makes the same copy
 * on Java 22 to 24 only (JDK-8357268). Writes to such a handler should be heap buffers too, for the same reason.
 */
@Sharable
public final class JdkTlsHeapInput extends ChannelInboundHandlerAdapter {

	/** Holds no state: one for every channel. */
	public static final JdkTlsHeapInput INSTANCE = new JdkTlsHeapInput();

	private JdkTlsHeapInput() {
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf read && read.isDirect()) {
			ByteBuf heap = null;
			try {
				heap = ctx.alloc().heapBuffer(read.readableBytes()).writeBytes(read);
			}
			catch (RuntimeException ex) {
				if (heap != null) {
					heap.release();
				}
				throw ex;
			}
			finally {
				read.release();
			}
			ctx.fireChannelRead(heap);
			return;
		}
		ctx.fireChannelRead(msg);
	}

}
