package io.socketflows.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * One TCP connection of the run: keeps {@code depth} requests in flight and checks the echoed stream byte for
 * byte, whatever chunks it comes in, against the requests sent, in order. A stream that differs once cannot be
 * realigned, so the first mismatch closes the connection.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter implements LoopStats.Endpoint {

	/** Requests per buffer written: a burst of echoes is answered with one write, not one per request. */
	private static final int BATCH_BYTES = 256 * 1024;

	private final int conn;

	private final Payload payload;

	private final int size;

	private final int depth;

	private final boolean load;

	private final LoopStats stats;

	private final Diagnostics diagnostics;

	/** When each request in flight was written, by sequence number modulo depth: echoes come back in order. */
	private final long[] sentAt;

	private ChannelHandlerContext context;

	/** Requests to a TLS handler of the JDK's engine go in heap buffers, which it encrypts fastest. */
	private boolean heapRequests;

	private long sent;

	/** The request whose echo is being received, and how many of its bytes came. */
	private long receiving;

	private int offset;

	private long seed;

	private boolean unflushed;

	/** Echoes completed in this read, each to be followed by a new request. */
	private int due;

	/** Set when the bench closes the connection: then its end is no drop. */
	private boolean closing;

	/**
	 * @param load whether to keep {@code depth} requests in flight from the start; otherwise the connection
	 * idles until {@link #probe()}
	 */
	TcpConnection(int conn, Payload payload, int depth, boolean load, LoopStats stats, Diagnostics diagnostics) {
		this.conn = conn;
		this.payload = payload;
		this.size = payload.size;
		this.depth = depth;
		this.load = load;
		this.stats = stats;
		this.diagnostics = diagnostics;
		this.sentAt = new long[depth];
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.context = ctx;
		this.heapRequests = ctx.pipeline().get(SslHandler.class) != null;
		this.stats.endpoints.add(this);
		if (this.load) {
			send(this.depth);
			flush();
		}
	}

	/** Sends one request, for the connect-only mode's echo after the hold. */
	void probe() {
		if (this.context != null && !this.closing) {
			send(1);
			flush();
		}
	}

	private void send(int count) {
		long now = System.nanoTime();
		int perBuffer = Math.max(1, BATCH_BYTES / this.size);
		for (int left = count; left > 0; left -= perBuffer) {
			int requests = Math.min(left, perBuffer);
			ByteBuf buffer = this.heapRequests ? this.context.alloc().heapBuffer(requests * this.size)
					: this.context.alloc().directBuffer(requests * this.size);
			for (int i = 0; i < requests; i++) {
				long seq = this.sent++;
				this.payload.write(buffer, seq, this.conn, 0);
				this.sentAt[(int) (seq % this.depth)] = now;
			}
			// A failed write reaches exceptionCaught: no promise per write.
			this.context.write(buffer, this.context.voidPromise());
		}
		this.unflushed = true;
	}

	private void flush() {
		if (this.unflushed) {
			this.unflushed = false;
			this.context.flush();
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf echo = (ByteBuf) msg;
		try {
			verify(echo, System.nanoTime());
		}
		finally {
			echo.release();
		}
		if (this.due > 0 && !this.closing) {
			send(this.due);
		}
		this.due = 0;
	}

	private void verify(ByteBuf echo, long now) {
		while (echo.isReadable() && !this.closing) {
			if (this.receiving >= this.sent) {
				mismatch(echo.readableBytes() + " bytes after the echo of every request sent");
				return;
			}
			if (this.offset == 0) {
				this.seed = Payload.seed(this.receiving, this.conn);
			}
			if ((this.offset & 7) == 0 && this.size - this.offset >= 8 && echo.readableBytes() >= 8) {
				int words = Math.min(echo.readableBytes(), this.size - this.offset) >>> 3;
				int base = echo.readerIndex();
				int first = this.offset >>> 3;
				for (int k = 0; k < words; k++) {
					if (echo.getLong(base + 8 * k) != this.payload.word(this.receiving, this.conn, 0, this.seed, first + k)) {
						mismatch("echo of request " + this.receiving + " differs in bytes " + (this.offset + 8 * k)
								+ " to " + (this.offset + 8 * k + 7));
						return;
					}
				}
				echo.skipBytes(words << 3);
				this.offset += words << 3;
			}
			else {
				if (echo.readByte() != this.payload.at(this.receiving, this.conn, 0, this.seed, this.offset)) {
					mismatch("echo of request " + this.receiving + " differs at byte " + this.offset);
					return;
				}
				this.offset++;
			}
			if (this.offset == this.size) {
				this.stats.answered(this.sentAt[(int) (this.receiving % this.depth)], now, this.size);
				this.receiving++;
				this.offset = 0;
				if (this.load && this.stats.sending) {
					this.due++;
				}
			}
		}
	}

	private void mismatch(String what) {
		this.stats.counts.mismatches++;
		this.diagnostics.report("connection " + this.conn + ": " + what);
		this.closing = true;
		this.context.close();
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		flush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.stats.counts.errors++;
		this.diagnostics.report("connection " + this.conn + ": " + cause);
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.stats.endpoints.remove(this);
		if (!this.closing) {
			this.stats.counts.dropped++;
			this.stats.counts.lost += outstanding();
			this.diagnostics.report("connection " + this.conn + " closed by the server after " + this.receiving
					+ " echoes, " + outstanding() + " requests unanswered");
			this.closing = true;
		}
	}

	@Override
	public int outstanding() {
		return (int) (this.sent - this.receiving);
	}

	@Override
	public void finish() {
		if (!this.closing) {
			this.stats.counts.lost += outstanding();
			this.closing = true;
			this.context.close();
		}
	}

}
