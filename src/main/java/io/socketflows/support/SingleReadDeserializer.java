package io.socketflows.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Turns each read into one message: whatever has arrived, up to the buffer size, with no framing.
 * <p>
 * Spring Integration's raw deserializers read until the peer closes, so a client that sends
 * {@code Hello, world} and waits, as the tutorial's do, would never be answered.
 */
public final class SingleReadDeserializer implements Deserializer<byte[]> {

	private final int bufferSize;

	public SingleReadDeserializer(int bufferSize) {
		if (bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
		}
		this.bufferSize = bufferSize;
	}

	@Override
	public byte[] deserialize(InputStream in) throws IOException {
		byte[] buffer = new byte[this.bufferSize];
		int read = in.read(buffer);
		if (read < 0) {
			// A soft end closes the connection quietly: the peer simply finished.
			throw new SoftEndOfStreamException("Stream closed");
		}
		return (read == buffer.length) ? buffer : Arrays.copyOf(buffer, read);
	}

}
