package io.socketflows.transport.netty;

import java.lang.reflect.Field;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM lets Netty allocate arrays without zeroing them ({@code --add-exports java.base/jdk.internal.misc}: the
 * jar's manifest, and {@code netty.jvm.access} in pom.xml for the tests, {@code spring-boot:run} and the image).
 * A raw read's payload is such an array, filled at once by {@link ByteBufUtil#getBytes}. Fails when a Netty
 * upgrade or a build change loses it: bulk echo would quietly cost 5 % more processor time.
 */
class NettyJvmAccessTests {

	/** Wherever Netty uses {@code sun.misc.Unsafe}: Java 17 and 21 (Netty 4.2 does without it from Java 25). */
	@Test
	void nettyAllocatesArraysWithoutZeroingThemWhereItUsesUnsafe() throws ReflectiveOperationException {
		// Netty says so in a private flag only (its debug log aside).
		Field flag = PlatformDependent.class.getDeclaredField("HAS_ALLOCATE_UNINIT_ARRAY");
		flag.setAccessible(true);
		assertThat(flag.getBoolean(null)).as("Netty allocates uninitialized arrays")
			.isEqualTo(PlatformDependent.hasUnsafe());
		if (Runtime.version().feature() < 25) {
			assertThat(PlatformDependent.hasUnsafe()).as("Netty uses sun.misc.Unsafe on Java " + Runtime.version())
				.isTrue();
		}
	}

	@Test
	void aPayloadIsTheReadBytesExactly() {
		byte[] sent = new byte[16 * 1024];
		for (int i = 0; i < sent.length; i++) {
			sent[i] = (byte) (i * 31 + 7);
		}
		ByteBuf read = Unpooled.directBuffer(sent.length + 10).writeZero(10).writeBytes(sent);
		try {
			assertThat(ByteBufUtil.getBytes(read, 10, sent.length)).isEqualTo(sent);
		}
		finally {
			read.release();
		}
	}

}
