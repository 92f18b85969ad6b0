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

	/**
	 * The buffer of the read that waits: a large buffer size must not cost a large array per small message, so
	 * a read of more waits only for the first bytes and takes the rest of what has arrived without waiting.
	 */
	private static final int FIRST_READ_SIZE = 8 * 1024;

	private final int bufferSize;

	public SingleReadDeserializer(int bufferSize) {
		if (bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
		}
		this.bufferSize = bufferSize;
	}

	@Override
	public byte[] deserialize(InputStream in) throws IOException {
		byte[] first = new byte[Math.min(this.bufferSize, FIRST_READ_SIZE)];
		int read = in.read(first);
		if (read < 0) {
			// A soft end closes the connection quietly: the peer simply finished.
			throw new SoftEndOfStreamException("Stream closed");
		}
		if (read < first.length || first.length == this.bufferSize) {
			return (read == first.length) ? first : Arrays.copyOf(first, read);
		}
		// The first read filled its buffer: what else has arrived, up to the buffer size, without waiting for more.
		int available = in.available();
		if (available <= 0) {
			return first;
		}
		byte[] whole = Arrays.copyOf(first, Math.min(this.bufferSize, read + available));
		while (read < whole.length && in.available() > 0) {
			int more = in.read(whole, read, whole.length - read);
			if (more < 0) {
				break;
			}
			read += more;
		}
		return (read == whole.length) ? whole : Arrays.copyOf(whole, read);
	}

}
