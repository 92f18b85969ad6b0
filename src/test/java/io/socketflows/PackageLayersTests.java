package io.socketflows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package tree is the architecture: each package imports only the packages below it, and nothing imports a
 * service's package but the entry points. A new package must be given its place here.
 */
class PackageLayersTests {

	private static final Path MAIN = Path.of("src/main/java/io/socketflows");

	private static final Set<String> FEATURE_BASE = Set.of("support", "transport", "client");

	/** Which of our packages each package may import; the entry points (the root package) may import all. */
	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"support", Set.of(),
			"transport", Set.of("support"),
			"client", Set.of("support"),
			"ops", Set.of("support", "transport"),
			"echo", FEATURE_BASE,
			"ack", FEATURE_BASE,
			"udp", FEATURE_BASE,
			"chat", FEATURE_BASE,
			// the load generator: a client of any echo server, ours or not
			"bench", Set.of("support", "client"));

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.socketflows\\.(\\w+)\\.", Pattern.MULTILINE);

	private static final Path CHAT = MAIN.resolve("chat");

	/**
	 * Which chat sub-packages each one may import; the chat's own package (its flows and client) may import all.
	 * The cluster mirrors the other pods onto the console, never the other way round.
	 */
	private static final Map<String, Set<String>> CHAT_ALLOWED = Map.of(
			"conversation", Set.of(),
			"operator", Set.of("conversation"),
			"console", Set.of("conversation"),
			"cluster", Set.of("conversation", "console"));

	private static final Pattern CHAT_IMPORT = Pattern.compile("^import (?:static )?io\\.socketflows\\.chat\\.(\\w+)\\.",
			Pattern.MULTILINE);

	private static final Path TRANSPORT = MAIN.resolve("transport");

	/**
	 * The transports beneath the transport package: each builds on the policy and the interfaces above it, never on
	 * the other, and only the transport's own configuration picks one.
	 */
	private static final Set<String> TRANSPORTS = Set.of("netty", "net");

	private static final Pattern TRANSPORT_IMPORT = Pattern
		.compile("^import (?:static )?io\\.socketflows\\.transport\\.([a-z]\\w*)\\.", Pattern.MULTILINE);

	@Test
	void everyPackageImportsOnlyThePackagesBelowIt() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(MAIN)) {
			sources.filter((path) -> path.toString().endsWith(".java")).forEach((source) -> {
				Path relative = MAIN.relativize(source);
				if (relative.getNameCount() == 1) {
					return; // the entry points
				}
				String from = relative.getName(0).toString();
				Set<String> allowed = ALLOWED.get(from);
				if (allowed == null) {
					violations.add(relative + ": package " + from + " has no place in the layers");
					return;
				}
				for (Matcher imported = IMPORT.matcher(read(source)); imported.find();) {
					String to = imported.group(1);
					if (!to.equals(from) && !allowed.contains(to)) {
						violations.add(relative + " imports " + to);
					}
				}
			});
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theLayersSeeEveryPackage() throws IOException {
		try (Stream<Path> packages = Files.list(MAIN)) {
			assertThat(packages.filter(Files::isDirectory).map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
		}
	}

	@Test
	void everyChatSubPackageImportsOnlyTheOnesBelowIt() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(CHAT)) {
			sources.filter((path) -> path.toString().endsWith(".java")).forEach((source) -> {
				Path relative = CHAT.relativize(source);
				if (relative.getNameCount() == 1) {
					return; // the chat's flows and client
				}
				String from = relative.getName(0).toString();
				Set<String> allowed = CHAT_ALLOWED.get(from);
				if (allowed == null) {
					violations.add(relative + ": chat package " + from + " has no place in the layers");
					return;
				}
				for (Matcher imported = CHAT_IMPORT.matcher(read(source)); imported.find();) {
					String to = imported.group(1);
					if (!to.equals(from) && !allowed.contains(to)) {
						violations.add(relative + " imports chat." + to);
					}
				}
			});
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theChatLayersSeeEveryChatSubPackage() throws IOException {
		try (Stream<Path> packages = Files.list(CHAT)) {
			assertThat(packages.filter(Files::isDirectory).map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(CHAT_ALLOWED.keySet());
		}
	}

	@Test
	void everyChatPackageSaysWhatItIsFor() throws IOException {
		try (Stream<Path> packages = Files.walk(CHAT)) {
			assertThat(packages.filter(Files::isDirectory))
				.allSatisfy((dir) -> assertThat(dir.resolve("package-info.java")).as(MAIN.relativize(dir).toString())
					.exists());
		}
	}

	@Test
	void noTransportIsImportedButByItself() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(MAIN)) {
			sources.filter((path) -> path.toString().endsWith(".java")).forEach((source) -> {
				Path relative = source.startsWith(TRANSPORT) ? TRANSPORT.relativize(source) : null;
				String own = (relative != null && relative.getNameCount() > 1) ? relative.getName(0).toString() : null;
				for (Matcher imported = TRANSPORT_IMPORT.matcher(read(source)); imported.find();) {
					if (!imported.group(1).equals(own)) {
						violations.add(MAIN.relativize(source) + " imports transport." + imported.group(1));
					}
				}
			});
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theTransportLayersSeeEveryTransport() throws IOException {
		try (Stream<Path> packages = Files.list(TRANSPORT)) {
			assertThat(packages.filter(Files::isDirectory).map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(TRANSPORTS);
		}
	}

	@Test
	void everyTransportPackageSaysWhatItIsFor() throws IOException {
		try (Stream<Path> packages = Files.walk(TRANSPORT)) {
			assertThat(packages.filter(Files::isDirectory))
				.allSatisfy((dir) -> assertThat(dir.resolve("package-info.java")).as(MAIN.relativize(dir).toString())
					.exists());
		}
	}

	private static String read(Path source) {
		try {
			return Files.readString(source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
