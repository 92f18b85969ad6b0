package io.socketflows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, as {@code java -jar} starts it. */
class PackagedJarIT {

	/** Netty's arrays without zeroing (see NettyJvmAccessTests): the JVM reads this from the started jar. */
	@Test
	void exportsWhatNettyNeedsForItsArrays() throws IOException {
		try (JarFile jar = new JarFile(Path.of("target", "socket-flows.jar").toFile())) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Add-Exports"))
				.isEqualTo("java.base/jdk.internal.misc");
		}
	}

}
