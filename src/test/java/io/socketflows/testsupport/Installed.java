package io.socketflows.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian programs a test drives: without them the test is skipped with the reason, and fails instead under
 * {@code CI=true}, where {@code .ci/run} installs them, so that CI never counts a skipped test as passing.
 */
public final class Installed {

	private Installed() {
	}

	/**
	 * @param packages the Debian packages that provide the programs, for the message
	 * @param programs the programs' absolute paths
	 */
	public static void assumeInstalled(String packages, Path... programs) {
		List<Path> missing = Stream.of(programs).filter((path) -> !Files.isExecutable(path)).toList();
		if (!missing.isEmpty()) {
			String reason = missing + " missing (apt-get install " + packages + ")";
			if ("true".equals(System.getenv("CI"))) {
				fail(reason);
			}
			abort(reason);
		}
	}

}
