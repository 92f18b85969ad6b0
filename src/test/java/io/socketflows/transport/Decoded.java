package io.socketflows.transport;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.socketflows.support.Framing;
import io.socketflows.transport.FrameCodec.FrameError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a framing decoder made of a stream: the frames read (in hex), and whether the stream ended in an error
 * rather than between frames.
 *
 * @param frames the frames, in order
 * @param failed whether a {@link FrameError} ended them
 */
record Decoded(List<String> frames, boolean failed) {

	/**
	 * Through a real pipeline, a piece per read: {@code finish()} rethrows whatever a handler threw, nothing may
	 * follow an error, and by then the decoder must have released every buffer written in.
	 * @param framing the decoder's framing
	 * @param maxMessageSize its largest frame
	 * @param pieces the stream, as it arrives
	 * @return what was decoded
	 */
	static Decoded by(Framing framing, int maxMessageSize, List<byte[]> pieces) {
		EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(framing, maxMessageSize).newDecoder());
		List<ByteBuf> written = new ArrayList<>();
		for (byte[] piece : pieces) {
			ByteBuf buffer = Unpooled.buffer(piece.length).writeBytes(piece);
			written.add(buffer);
			channel.writeInbound(buffer);
		}
		channel.finish();
		List<String> frames = new ArrayList<>();
		boolean failed = false;
		for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
			assertThat(failed).as("nothing after an error").isFalse();
			if (message instanceof FrameError) {
				failed = true;
			}
			else {
				frames.add(HexFormat.of().formatHex((byte[]) message));
			}
		}
		assertThat(written).allSatisfy((buffer) -> assertThat(buffer.refCnt()).as("released").isZero());
		return new Decoded(frames, failed);
	}

}
