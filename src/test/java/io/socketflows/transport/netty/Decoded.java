package io.socketflows.transport.netty;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.socketflows.support.Framing;
import io.socketflows.transport.ConnectionRejectedEvent.Reason;
import io.socketflows.transport.netty.FrameCodec.FrameError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a framing decoder made of a stream: the frames read (in hex), and the error that ended them, if the stream
 * did not end between frames.
 *
 * @param frames the frames, in order
 * @param error null, else the {@code sockets.connections.rejected} reason of the {@link FrameError} that ended them
 */
record Decoded(List<String> frames, Reason error) {

	boolean failed() {
		return this.error != null;
	}

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
		Reason error = null;
		for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
			assertThat(error).as("nothing after an error").isNull();
			if (message instanceof FrameError failure) {
				error = Reason.ofBadInput(failure.cause());
			}
			else {
				frames.add(HexFormat.of().formatHex((byte[]) message));
			}
		}
		assertThat(written).allSatisfy((buffer) -> assertThat(buffer.refCnt()).as("released").isZero());
		return new Decoded(frames, error);
	}

}
