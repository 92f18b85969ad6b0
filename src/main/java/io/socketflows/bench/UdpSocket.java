package io.socketflows.bench;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One connected UDP socket of the run: {@code depth} datagrams in flight, one per slot. A slot unanswered for
 * the loss timeout counts as lost and sends anew; an answer for a request no longer in flight (after its
 * timeout, or a second copy) is late; one whose sequence number is below the highest answered is reordered.
 * Losses and late answers of the warm-up (a cold server's stalls) are counted apart.
 */
final class UdpSocket extends ChannelInboundHandlerAdapter implements LoopStats.Endpoint {

	private static final long FREE = -1;

	private final int conn;

	private final Payload payload;

	private final int size;

	private final LoopStats stats;

	private final Diagnostics diagnostics;

	private final long lostAfterNanos;

	private final long[] slotSeq;

	private final long[] slotSentAt;

	private ChannelHandlerContext context;

	private long next;

	/** One more than the highest sequence number answered. */
	private long done;

	private boolean unflushed;

	private boolean closing;

	UdpSocket(int conn, Payload payload, int depth, long lostAfterNanos, LoopStats stats, Diagnostics diagnostics) {
		this.conn = conn;
		this.payload = payload;
		this.size = payload.size;
		this.lostAfterNanos = lostAfterNanos;
		this.stats = stats;
		this.diagnostics = diagnostics;
		this.slotSeq = new long[depth];
		this.slotSentAt = new long[depth];
		Arrays.fill(this.slotSeq, FREE);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.context = ctx;
		this.stats.endpoints.add(this);
		for (int slot = 0; slot < this.slotSeq.length; slot++) {
			send(slot);
		}
		flush();
	}

	private void send(int slot) {
		long seq = this.next++;
		ByteBuf datagram = this.context.alloc().directBuffer(this.size);
		this.payload.write(datagram, seq, this.conn, slot);
		this.slotSeq[slot] = seq;
		this.slotSentAt[slot] = System.nanoTime();
		this.context.write(datagram, this.context.voidPromise());
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
		try {
			receive((msg instanceof ByteBufHolder holder) ? holder.content() : (ByteBuf) msg);
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void receive(ByteBuf datagram) {
		long now = System.nanoTime();
		if (datagram.readableBytes() != this.size) {
			mismatch("a datagram of " + datagram.readableBytes() + " bytes, " + this.size + " expected");
			return;
		}
		int at = datagram.readerIndex();
		long seq = datagram.getLong(at);
		int conn = datagram.getInt(at + 8);
		int slot = datagram.getInt(at + 12);
		if (conn != this.conn || slot < 0 || slot >= this.slotSeq.length) {
			mismatch("a datagram with a header of another socket or slot");
			return;
		}
		if (this.slotSeq[slot] != seq) {
			if (!this.stats.warmingUp()) {
				this.stats.counts.late++;
			}
			return;
		}
		if (this.payload.matches(datagram, seq, this.conn, slot)) {
			this.stats.answered(this.slotSentAt[slot], now, this.size);
		}
		else {
			mismatch("the echo of request " + seq + " differs");
		}
		if (seq + 1 < this.done) {
			this.stats.counts.reordered++;
		}
		else {
			this.done = seq + 1;
		}
		this.slotSeq[slot] = FREE;
		if (this.stats.sending) {
			send(slot);
		}
	}

	private void mismatch(String what) {
		this.stats.counts.mismatches++;
		this.diagnostics.report("udp socket " + this.conn + ": " + what);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		flush();
	}

	/** Counts the slots unanswered for too long as lost, and sends anew in them. */
	void expire(long now) {
		for (int slot = 0; slot < this.slotSeq.length; slot++) {
			if (this.slotSeq[slot] != FREE && now - this.slotSentAt[slot] > this.lostAfterNanos) {
				if (this.stats.warmingUp()) {
					this.stats.counts.warmupLost++;
				}
				else {
					this.stats.counts.lost++;
				}
				this.slotSeq[slot] = FREE;
				if (this.stats.sending) {
					send(slot);
				}
			}
		}
		flush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// A refused datagram (ICMP port unreachable) or a full buffer: the slot's timeout counts it as lost.
		this.stats.counts.errors++;
		this.diagnostics.report("udp socket " + this.conn + ": " + cause);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.stats.endpoints.remove(this);
		if (!this.closing) {
			this.stats.counts.dropped++;
			this.closing = true;
		}
	}

	@Override
	public int outstanding() {
		int outstanding = 0;
		for (long seq : this.slotSeq) {
			if (seq != FREE) {
				outstanding++;
			}
		}
		return outstanding;
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
