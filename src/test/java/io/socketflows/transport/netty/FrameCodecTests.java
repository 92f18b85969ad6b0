package io.socketflows.transport.netty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.socketflows.support.Framing;
import io.socketflows.transport.ConnectionRejectedEvent.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Netty decoders against Spring Integration's deserializers, on the same bytes split at every boundary.
 */
class FrameCodecTests {

	/** Small, so the inputs reach the limit on every side. */
	private static final int MAX = 8;

	private static final byte[] ALPHABET = { 'a', 'b', '\r', '\n', 0x02, 0x03, 0x00, 0x01, 0x05, (byte) 0xff };

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void cutsTheStreamAsSpringIntegrationDoesWhereverItIsSplit(Framing framing) throws IOException {
		int compared = 0;
		for (byte[] input : inputs(framing)) {
			Decoded expected = springIntegration(framing, input);
			assertThat(netty(framing, List.of(input))).as("coalesced %s", hex(input)).isEqualTo(expected);
			for (int split = 1; split < input.length; split++) {
				List<byte[]> pieces = List.of(Arrays.copyOfRange(input, 0, split),
						Arrays.copyOfRange(input, split, input.length));
				assertThat(netty(framing, pieces)).as("%s split at %d", hex(input), split).isEqualTo(expected);
			}
			List<byte[]> bytes = new ArrayList<>();
			for (byte b : input) {
				bytes.add(new byte[] { b });
			}
			assertThat(netty(framing, bytes)).as("%s byte by byte", hex(input)).isEqualTo(expected);
			compared++;
		}
		assertThat(compared).isGreaterThan(100);
	}

	@ParameterizedTest
	@EnumSource(Framing.class)
	void framesRepliesAsSpringIntegrationsSerializer(Framing framing) throws IOException {
		FrameCodec codec = new FrameCodec(framing, MAX);
		Serializer<byte[]> serializer = framing.codec(MAX, MAX).serializer();
		Random random = new Random(7);
		for (int length : new int[] { 0, 1, 2, 255, 256, 65535, 65536, 100_000 }) {
			byte[] payload = new byte[length];
			random.nextBytes(payload);
			ByteArrayOutputStream expected = new ByteArrayOutputStream();
			boolean fits = true;
			try {
				serializer.serialize(payload, expected);
			}
			catch (IllegalArgumentException ex) {
				fits = false;
			}
			if (fits) {
				ByteBuf encoded = codec.encode(ByteBufAllocator.DEFAULT, payload, false);
				try {
					assertThat(ByteBufUtil.getBytes(encoded)).as("%s of %d bytes", framing, length)
						.isEqualTo(expected.toByteArray());
				}
				finally {
					encoded.release();
				}
			}
			else {
				// An allocator of its own, to see that the refused reply took no buffer it would leak.
				UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
				assertThatIllegalArgumentException().as("%s of %d bytes", framing, length)
					.isThrownBy(() -> codec.encode(allocator, payload, true));
				assertThat(allocator.metric().usedHeapMemory()).as("heap taken for a refused reply").isZero();
			}
		}
	}

	@Test
	void keepsTheCarriageReturnBeforeALineFeed() {
		assertThat(netty(Framing.LF, List.of("one\r\n\n".getBytes())).frames()).containsExactly(hex("one\r".getBytes()),
				"");
	}

	/** Crafted edges (empty frames, the limit and one past it, cut frames) and random streams. */
	private static List<byte[]> inputs(Framing framing) throws IOException {
		Serializer<byte[]> serializer = framing.codec(MAX, MAX).serializer();
		List<byte[]> inputs = new ArrayList<>();
		Random random = new Random(42);
		for (int i = 0; i < 150; i++) {
			ByteArrayOutputStream stream = new ByteArrayOutputStream();
			int frames = 1 + random.nextInt(3);
			for (int f = 0; f < frames; f++) {
				byte[] payload = new byte[random.nextInt(MAX + 2)];
				for (int b = 0; b < payload.length; b++) {
					payload[b] = (i % 2 == 0) ? (byte) 'a' : ALPHABET[random.nextInt(ALPHABET.length)];
				}
				serializer.serialize(payload, stream);
			}
			byte[] input = stream.toByteArray();
			if (i % 3 == 1) {
				input = Arrays.copyOf(input, input.length - 1 - random.nextInt(Math.max(1, input.length / 2)));
			}
			inputs.add(input);
		}
		for (int i = 0; i < 50; i++) {
			byte[] noise = new byte[1 + random.nextInt(2 * MAX)];
			for (int b = 0; b < noise.length; b++) {
				noise[b] = ALPHABET[random.nextInt(ALPHABET.length)];
			}
			inputs.add(noise);
		}
		return inputs;
	}

	private static Decoded springIntegration(Framing framing, byte[] input) {
		Deserializer<byte[]> deserializer = framing.codec(MAX, MAX).deserializer();
		ByteArrayInputStream in = new ByteArrayInputStream(input);
		List<String> frames = new ArrayList<>();
		while (true) {
			try {
				frames.add(hex(deserializer.deserialize(in)));
			}
			catch (SoftEndOfStreamException ex) {
				return new Decoded(frames, null);
			}
			catch (IOException | RuntimeException ex) {
				return new Decoded(frames, Reason.ofBadInput(ex));
			}
		}
	}

	private static Decoded netty(Framing framing, List<byte[]> pieces) {
		return Decoded.by(framing, MAX, pieces);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
