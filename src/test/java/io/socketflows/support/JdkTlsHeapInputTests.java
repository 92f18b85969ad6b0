package io.socketflows.support;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's TLS engine gets what was read in heap buffers, every byte, and the direct buffer is released.
 */
class JdkTlsHeapInputTests {

	@Test
	void copiesADirectReadIntoAHeapBufferAndReleasesTheRead() {
		EmbeddedChannel channel = new EmbeddedChannel(JdkTlsHeapInput.INSTANCE);
		ByteBuf read = Unpooled.directBuffer().writeBytes("\u0016\u0003\u0001 a TLS record".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(channel.writeInbound(read.retain())).isTrue();
		ByteBuf handedOn = channel.readInbound();
		try {
			assertThat(handedOn.isDirect()).isFalse();
			assertThat(handedOn.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0016\u0003\u0001 a TLS record");
			assertThat(read.refCnt()).as("the read, released by the handler, held only by this test").isEqualTo(1);
		}
		finally {
			handedOn.release();
			read.release();
			channel.finishAndReleaseAll();
		}
	}

	@Test
	void handsAHeapBufferOnAsItIs() {
		EmbeddedChannel channel = new EmbeddedChannel(JdkTlsHeapInput.INSTANCE);
		ByteBuf read = Unpooled.buffer().writeBytes(new byte[] { 1, 2, 3 });
		channel.writeInbound(read);
		ByteBuf handedOn = channel.readInbound();
		try {
			assertThat(handedOn).isSameAs(read);
		}
		finally {
			handedOn.release();
			channel.finishAndReleaseAll();
		}
	}

}
