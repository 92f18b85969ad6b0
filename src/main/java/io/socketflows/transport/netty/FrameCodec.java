package io.socketflows.transport.netty;

import java.io.IOException;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.socketflows.support.Framing;

import org.springframework.integration.mapping.MessageMappingException;

/**
 * Cuts and frames messages exactly as Spring Integration's {@code TcpCodecs} serializers for a {@link Framing}:
 * same frame boundaries, same largest frame, same errors.
 * <p>
 * Netty's own delimiter and length-field decoders differ at the edges (a {@code \r} counted in the crlf limit, a
 * one-byte frame of 255, an oversized frame discarded rather than closing the connection), hence these.
 */
final class FrameCodec {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final byte STX = 0x02;

	private static final byte ETX = 0x03;

	private final Framing framing;

	private final int maxMessageSize;

	FrameCodec(Framing framing, int maxMessageSize) {
		this.framing = framing;
		this.maxMessageSize = maxMessageSize;
	}

	Framing framing() {
		return this.framing;
	}

	/** @return a decoder for one connection, or null for {@link Framing#RAW} (each read is a message) */
	ByteToMessageDecoder newDecoder() {
		return switch (this.framing) {
			case RAW -> null;
			case CRLF -> new CrLfDecoder(this.maxMessageSize);
			case LF -> new TerminatorDecoder(LF, this.maxMessageSize);
			case STX_ETX -> new StxEtxDecoder(this.maxMessageSize);
			case LENGTH_HEADER_1 -> new LengthHeaderDecoder(1, this.maxMessageSize);
			case LENGTH_HEADER_2 -> new LengthHeaderDecoder(2, this.maxMessageSize);
			case LENGTH_HEADER_4 -> new LengthHeaderDecoder(4, this.maxMessageSize);
		};
	}

	/**
	 * One reply as it goes on the wire, in one buffer.
	 * @param allocator the channel's allocator
	 * @param payload the message
	 * @param heap whether the frame goes to a heap buffer (for the JDK's TLS engine) rather than a direct one
	 * @return the frame
	 * @throws IllegalArgumentException when the length does not fit the header, as Spring Integration's
	 */
	ByteBuf encode(ByteBufAllocator allocator, byte[] payload, boolean heap) {
		int length = payload.length;
		return switch (this.framing) {
			case RAW -> buffer(allocator, length, heap).writeBytes(payload);
			case CRLF -> buffer(allocator, length + 2, heap).writeBytes(payload).writeByte(CR).writeByte(LF);
			case LF -> buffer(allocator, length + 1, heap).writeBytes(payload).writeByte(LF);
			case STX_ETX -> buffer(allocator, length + 2, heap).writeByte(STX).writeBytes(payload).writeByte(ETX);
			// Checked before the buffer is taken: a reply too long for its header must not leak one.
			case LENGTH_HEADER_1 -> buffer(allocator, checkFits(length, 1, 0xff) + 1, heap).writeByte(length)
				.writeBytes(payload);
			case LENGTH_HEADER_2 -> buffer(allocator, checkFits(length, 2, 0xffff) + 2, heap).writeShort(length)
				.writeBytes(payload);
			case LENGTH_HEADER_4 -> buffer(allocator, length + 4, heap).writeInt(length).writeBytes(payload);
		};
	}

	private static ByteBuf buffer(ByteBufAllocator allocator, int size, boolean heap) {
		return heap ? allocator.heapBuffer(size) : allocator.ioBuffer(size);
	}

	private static int checkFits(int length, int headerSize, int max) {
		if (length > max) {
			throw new IllegalArgumentException(
					"Length header: " + headerSize + " too short to accommodate message length: " + length);
		}
		return length;
	}

	/** A frame that cannot be read: the connection closes after the frames before it. */
	record FrameError(Exception cause, byte[] buffer, int offset) {
	}

	/** Emits {@code byte[]} frames, then at most one {@link FrameError}, after which it discards the input. */
	abstract static class FrameDecoder extends ByteToMessageDecoder {

		final int max;

		/** Where the search for a terminator resumes, relative to the frame start. */
		int scanned;

		private boolean failed;

		FrameDecoder(int max) {
			this.max = max;
		}

		@Override
		protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
			if (this.failed) {
				in.skipBytes(in.readableBytes());
				return;
			}
			Object frame = next(in);
			if (frame instanceof FrameError) {
				this.failed = true;
				in.skipBytes(in.readableBytes());
			}
			if (frame != null) {
				this.scanned = 0;
				out.add(frame);
			}
		}

		@Override
		protected final void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
			// Every whole frame has been decoded: what is left is a frame cut by the end of the stream.
			if (!this.failed && in.isReadable()) {
				int readable = in.readableBytes();
				this.failed = true;
				out.add(new FrameError(truncated(readable), ByteBufUtil.getBytes(in), readable));
				in.skipBytes(readable);
			}
		}

		IOException truncated(int readable) {
			return new IOException("Socket closed during message assembly");
		}

		/** @return a frame, a {@link FrameError}, or null when more bytes are needed */
		abstract Object next(ByteBuf in);

		FrameError error(Exception cause, ByteBuf in, int length) {
			return new FrameError(cause, ByteBufUtil.getBytes(in, in.readerIndex(), length), length);
		}

		static byte[] take(ByteBuf in, int length, int skip) {
			byte[] frame = ByteBufUtil.getBytes(in, in.readerIndex(), length);
			in.skipBytes(length + skip);
			return frame;
		}

	}

	/** {@code ByteArrayCrLfSerializer}: the first {@code \r\n} ends a frame; the {@code \r} counts in the limit. */
	static final class CrLfDecoder extends FrameDecoder {

		CrLfDecoder(int max) {
			super(max);
		}

		@Override
		Object next(ByteBuf in) {
			int start = in.readerIndex();
			int window = Math.min(in.readableBytes(), this.max);
			for (int i = Math.max(this.scanned, 1); i < window; i++) {
				if (in.getByte(start + i) == LF && in.getByte(start + i - 1) == CR) {
					return take(in, i - 1, 2);
				}
			}
			if (in.readableBytes() >= this.max) {
				return error(new IOException("CRLF not found before max message length: " + this.max), in,
						this.max);
			}
			this.scanned = window;
			return null;
		}

	}

	/** {@code ByteArraySingleTerminatorSerializer} ({@code lf}): a {@code \r} before the {@code \n} is data. */
	static final class TerminatorDecoder extends FrameDecoder {

		private final byte terminator;

		TerminatorDecoder(byte terminator, int max) {
			super(max);
			this.terminator = terminator;
		}

		@Override
		Object next(ByteBuf in) {
			int start = in.readerIndex();
			int window = Math.min(in.readableBytes(), this.max);
			int found = in.indexOf(start + this.scanned, start + window, this.terminator);
			if (found >= 0) {
				return take(in, found - start, 1);
			}
			if (in.readableBytes() >= this.max) {
				return error(new IOException("Terminator '0x" + Integer.toHexString(this.terminator & 0xff)
						+ "' not found before max message length: " + this.max), in, this.max);
			}
			this.scanned = window;
			return null;
		}

	}

	/** {@code ByteArrayStxEtxSerializer}: {@code STX}, up to max bytes, {@code ETX}. */
	static final class StxEtxDecoder extends FrameDecoder {

		StxEtxDecoder(int max) {
			super(max);
		}

		@Override
		Object next(ByteBuf in) {
			int start = in.readerIndex();
			if (in.getByte(start) != STX) {
				return error(new MessageMappingException("Expected STX to begin message"), in, 0);
			}
			int window = Math.min(in.readableBytes(), this.max + 1);
			int found = in.indexOf(start + Math.max(this.scanned, 1), start + window, ETX);
			if (found >= 0) {
				in.skipBytes(1);
				return take(in, found - start - 1, 1);
			}
			if (in.readableBytes() >= this.max + 1) {
				return error(new IOException("ETX not found before max message length: " + this.max), in,
						this.max);
			}
			this.scanned = window;
			return null;
		}

	}

	/** {@code ByteArrayLengthHeaderSerializer}: a big-endian unsigned length of 1, 2 or 4 bytes, then the frame. */
	static final class LengthHeaderDecoder extends FrameDecoder {

		private final int headerSize;

		LengthHeaderDecoder(int headerSize, int max) {
			super(max);
			this.headerSize = headerSize;
		}

		@Override
		Object next(ByteBuf in) {
			if (in.readableBytes() < this.headerSize) {
				return null;
			}
			int start = in.readerIndex();
			int length = switch (this.headerSize) {
				case 1 -> in.getUnsignedByte(start);
				case 2 -> in.getUnsignedShort(start);
				default -> in.getInt(start);
			};
			if (length < 0) {
				return error(new IllegalArgumentException("Length header: " + length + " is negative"), in,
						this.headerSize);
			}
			if (length > this.max) {
				return error(new IOException("Message length " + length + " exceeds max message length: "
						+ this.max), in, this.headerSize);
			}
			if (in.readableBytes() < this.headerSize + length) {
				return null;
			}
			in.skipBytes(this.headerSize);
			return take(in, length, 0);
		}

		@Override
		IOException truncated(int readable) {
			if (readable < this.headerSize) {
				return new IOException("Stream closed after " + readable + " of " + this.headerSize);
			}
			return new IOException("Stream closed after " + (readable - this.headerSize) + " bytes of the message");
		}

	}

}
