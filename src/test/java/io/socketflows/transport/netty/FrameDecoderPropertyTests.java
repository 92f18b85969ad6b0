package io.socketflows.transport.netty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import io.socketflows.support.Framing;
import io.socketflows.transport.netty.FrameCodec.FrameError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of every framing decoder over generated input: any bytes, cut anywhere, give the same frames as in
 * one piece; a frame past the limit ends in one {@link FrameError} (which closes the connection) and nothing
 * after it; no exception escapes the pipeline and every buffer handed in is released.
 * <p>
 * The generator is seeded, so that a failure names an input that fails again; the seed of each case is in its
 * message.
 */
class FrameDecoderPropertyTests {

	/** Small, so that generated input crosses the limit as often as it stays under it. */
	private static final int MAX = 12;

	private static final int TRIES = 2_000;

	/** Delimiters and small lengths, so that frames, limits and garbage all occur. */
	private static final byte[] INTERESTING = { '\r', '\n', 0x02, 0x03, 0x00, 0x01, 0x05, MAX, MAX + 1, 'a' };

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void framesDoNotDependOnWhereTheStreamIsCut(Framing framing) {
		for (long seed = 0; seed < TRIES; seed++) {
			Random random = new Random(seed);
			byte[] stream = stream(random);
			List<byte[]> pieces = pieces(stream, random);
			Decoded whole = decode(framing, List.of(stream));
			assertThat(decode(framing, pieces)).as("seed %d: %s in %d pieces", seed, HexFormat.of().formatHex(stream),
					pieces.size()).isEqualTo(whole);
		}
	}

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void aFrameLongerThanTheLimitEndsInOneErrorAndNothingAfterIt(Framing framing) {
		for (long seed = 0; seed < TRIES / 4; seed++) {
			Random random = new Random(seed);
			byte[] payload = new byte[MAX + 1 + random.nextInt(3 * MAX)];
			random.nextBytes(payload);
			byte[] stream = oversized(framing, payload);
			Decoded outcome = decode(framing, pieces(stream, random));
			assertThat(outcome.failed()).as("seed %d: an error past %d bytes", seed, MAX).isTrue();
			assertThat(outcome.frames()).as("seed %d: no frame before the oversized one", seed).isEmpty();
		}
	}

	/** One frame of {@code payload} (delimiters inside it replaced), then a good frame that must not be read. */
	private static byte[] oversized(Framing framing, byte[] payload) {
		return switch (framing) {
			case CRLF -> concat(strip(payload, (byte) '\r', (byte) '\n'), "\r\nok\r\n".getBytes());
			case LF -> concat(strip(payload, (byte) '\n'), "\nok\n".getBytes());
			case STX_ETX -> concat(new byte[] { 0x02 }, strip(payload, (byte) 0x03), new byte[] { 0x03, 0x02, 'o', 0x03 });
			case LENGTH_HEADER_1 -> concat(new byte[] { (byte) payload.length }, payload);
			case LENGTH_HEADER_2 -> concat(new byte[] { 0, (byte) payload.length }, payload);
			case LENGTH_HEADER_4 -> concat(new byte[] { 0, 0, 0, (byte) payload.length }, payload);
			case RAW -> throw new IllegalArgumentException("raw has no frames");
		};
	}

	/** Up to 80 bytes, four in five of them interesting. */
	private static byte[] stream(Random random) {
		byte[] stream = new byte[random.nextInt(81)];
		for (int i = 0; i < stream.length; i++) {
			stream[i] = (random.nextInt(5) < 4) ? INTERESTING[random.nextInt(INTERESTING.length)]
					: (byte) random.nextInt(256);
		}
		return stream;
	}

	/** Cut at up to 8 random points; sometimes at every byte. */
	private static List<byte[]> pieces(byte[] stream, Random random) {
		TreeSet<Integer> cuts = new TreeSet<>();
		if (random.nextInt(10) == 0) {
			for (int i = 1; i < stream.length; i++) {
				cuts.add(i);
			}
		}
		else if (stream.length > 1) {
			for (int i = random.nextInt(9); i > 0; i--) {
				cuts.add(1 + random.nextInt(stream.length - 1));
			}
		}
		List<byte[]> pieces = new ArrayList<>();
		int from = 0;
		for (int cut : cuts) {
			pieces.add(Arrays.copyOfRange(stream, from, cut));
			from = cut;
		}
		pieces.add(Arrays.copyOfRange(stream, from, stream.length));
		return pieces;
	}

	private static Decoded decode(Framing framing, List<byte[]> pieces) {
		return Decoded.by(framing, MAX, pieces);
	}

	private static byte[] strip(byte[] payload, byte... unwanted) {
		byte[] stripped = payload.clone();
		for (int i = 0; i < stripped.length; i++) {
			for (byte b : unwanted) {
				if (stripped[i] == b) {
					stripped[i] = 'x';
				}
			}
		}
		return stripped;
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

}
