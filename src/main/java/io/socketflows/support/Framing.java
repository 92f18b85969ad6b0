package io.socketflows.support;

import java.util.function.IntFunction;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * How a TCP byte stream is cut into messages, and how replies are written back.
 */
public enum Framing {

	/** No framing: each read is a message and replies are written as they are. */
	RAW(null),

	/** Messages end with {@code \r\n}. */
	CRLF(TcpCodecs::crlf),

	/** Messages end with {@code \n}. */
	LF(TcpCodecs::lf),

	/** Messages sit between {@code STX} (0x02) and {@code ETX} (0x03). */
	STX_ETX(TcpCodecs::stxetx),

	/** A one-byte length, then the message (255 bytes at most). */
	LENGTH_HEADER_1(TcpCodecs::lengthHeader1),

	/** A two-byte big-endian length, then the message. */
	LENGTH_HEADER_2(TcpCodecs::lengthHeader2),

	/** A four-byte big-endian length, then the message. */
	LENGTH_HEADER_4(TcpCodecs::lengthHeader4);

	private final IntFunction<? extends AbstractByteArraySerializer> framedCodec;

	Framing(IntFunction<? extends AbstractByteArraySerializer> framedCodec) {
		this.framedCodec = framedCodec;
	}

	/**
	 * The codec for this framing.
	 * @param bufferSize largest single read in {@link #RAW}
	 * @param maxMessageSize largest message in the framed modes
	 * @return the serializer and deserializer
	 */
	public Codec codec(int bufferSize, int maxMessageSize) {
		if (this.framedCodec == null) {
			return new Codec(TcpCodecs.raw(), new SingleReadDeserializer(bufferSize));
		}
		AbstractByteArraySerializer framed = this.framedCodec.apply(maxMessageSize);
		return new Codec(framed, framed);
	}

	/**
	 * A matching serializer and deserializer.
	 *
	 * @param serializer writes one message
	 * @param deserializer reads one message
	 */
	public record Codec(Serializer<byte[]> serializer, Deserializer<byte[]> deserializer) {
	}

}
