package io.socketflows.bench;

import io.netty.buffer.ByteBuf;

/**
 * The requests of a run, all {@code size} bytes: a 16-byte header (sequence number, connection id, slot), then a
 * pseudo-random fill whose every word also depends on (sequence, connection), so a wrong, shifted, lost,
 * duplicated or reordered byte is seen.
 * <p>
 * Words (bytes {@code 8k..8k+7}, big-endian) are computed, never stored per request: the receive side compares
 * eight bytes at a time against what it sent, with no copy of its own. Word {@code k >= 2} is
 * {@code seed(seq, conn) ^ fill[k]}: one table lookup, so checking costs little more than reading.
 */
final class Payload {

	/** Sequence number (8 bytes), connection id (4), slot (4). */
	static final int HEADER = 16;

	final int size;

	private final long[] fill;

	Payload(int size) {
		if (size < HEADER) {
			throw new IllegalArgumentException("A request holds a " + HEADER + "-byte header");
		}
		this.size = size;
		this.fill = new long[(size + 7) >>> 3];
		for (int k = 0; k < this.fill.length; k++) {
			this.fill[k] = mix(k * 0xBF58476D1CE4E5B9L + 0x5DEECE66DL);
		}
	}

	/** @return the seed of a request's fill */
	static long seed(long seq, int conn) {
		return mix(seq * 0x9E3779B97F4A7C15L ^ ((long) conn << 17));
	}

	/** @return word {@code k} of request {@code seq} of connection {@code conn}, in slot {@code slot} */
	long word(long seq, int conn, int slot, long seed, int k) {
		return switch (k) {
			case 0 -> seq;
			case 1 -> ((long) conn << 32) | (slot & 0xFFFFFFFFL);
			default -> seed ^ this.fill[k];
		};
	}

	/** @return byte {@code offset} of the request */
	byte at(long seq, int conn, int slot, long seed, int offset) {
		return (byte) (word(seq, conn, slot, seed, offset >>> 3) >>> (56 - 8 * (offset & 7)));
	}

	/** Appends one request to {@code buf}. */
	void write(ByteBuf buf, long seq, int conn, int slot) {
		long seed = seed(seq, conn);
		buf.ensureWritable(this.size);
		int index = buf.writerIndex();
		buf.setLong(index, seq);
		buf.setLong(index + 8, word(seq, conn, slot, seed, 1));
		int words = this.size >>> 3;
		for (int k = 2; k < words; k++) {
			buf.setLong(index + 8 * k, seed ^ this.fill[k]);
		}
		for (int offset = words << 3; offset < this.size; offset++) {
			buf.setByte(index + offset, at(seq, conn, slot, seed, offset));
		}
		buf.writerIndex(index + this.size);
	}

	/**
	 * @param buf a received datagram, all of it readable
	 * @return whether it is request {@code seq} of {@code conn} in {@code slot}, byte for byte
	 */
	boolean matches(ByteBuf buf, long seq, int conn, int slot) {
		if (buf.readableBytes() != this.size) {
			return false;
		}
		long seed = seed(seq, conn);
		int base = buf.readerIndex();
		int words = this.size >>> 3;
		for (int k = 0; k < words; k++) {
			if (buf.getLong(base + 8 * k) != word(seq, conn, slot, seed, k)) {
				return false;
			}
		}
		for (int offset = words << 3; offset < this.size; offset++) {
			if (buf.getByte(base + offset) != at(seq, conn, slot, seed, offset)) {
				return false;
			}
		}
		return true;
	}

	/** SplitMix64's finaliser: cheap, and every input bit reaches every output bit. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
