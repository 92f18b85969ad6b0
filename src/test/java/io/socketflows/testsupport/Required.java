package io.socketflows.testsupport;

import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.netty.channel.epoll.Epoll;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * What a test needs from the host (a program, the IPv6 loopback, a link-local address, epoll, a git checkout):
 * without it the test is skipped with the reason, and fails instead under {@code CI=true}, where {@code .ci/run}
 * provides it, so that CI never counts a skipped test as passing.
 */
public final class Required {

	private Required() {
	}

	/**
	 * Skips the calling test with the reason, or fails it under {@code CI=true}, unless {@code met}.
	 * @param met whether the host provides what the test needs
	 * @param missing what is missing and how to provide it
	 */
	public static void that(boolean met, String missing) {
		if (!met) {
			if (ci()) {
				fail(missing + " (CI=true: a test that cannot run fails)");
			}
			abort(missing);
		}
	}

	/** @return whether this run is CI's, which must run every test */
	public static boolean ci() {
		return "true".equals(System.getenv("CI"));
	}

	/**
	 * @param packages the Debian packages that provide the programs, for the message
	 * @param programs the programs' absolute paths
	 */
	public static void installed(String packages, Path... programs) {
		List<Path> missing = Stream.of(programs).filter((path) -> !Files.isExecutable(path)).toList();
		that(missing.isEmpty(), missing + " missing (apt-get install " + packages + ")");
	}

	/** Requires a listening socket on the IPv6 loopback {@code ::1}. */
	public static void ipv6Loopback() {
		that(Loopbacks.ipv6(), "no IPv6 loopback ::1 on this host (sysctl -w net.ipv6.conf.lo.disable_ipv6=0)");
	}

	/**
	 * Requires {@code ::1} when {@code address} is an IPv6 literal.
	 * @param address a loopback address a test connects from or to
	 */
	public static void loopback(String address) {
		if (address.contains(":")) {
			ipv6Loopback();
		}
	}

	/** @return a link-local IPv6 address ({@code fe80::…%eth0}) of an interface that is up */
	public static Inet6Address linkLocalIpv6() {
		Optional<Inet6Address> linkLocal = interfacesUp().flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet6Address && address.isLinkLocalAddress())
			.map(Inet6Address.class::cast)
			.findFirst();
		that(linkLocal.isPresent(), "no link-local IPv6 address on an interface of this host");
		return linkLocal.get();
	}

	/** Requires Netty's native epoll transport (Linux). */
	public static void epoll() {
		that(Epoll.isAvailable(), "no epoll here: " + Epoll.unavailabilityCause());
	}

	/** Requires a git checkout, from which the build writes {@code git.properties}. */
	public static void gitCheckout() {
		that(Files.exists(Path.of(".git")), "not a git checkout: no git information to show");
	}

	private static Stream<NetworkInterface> interfacesUp() {
		try {
			return NetworkInterface.networkInterfaces().filter(Required::isUp);
		}
		catch (SocketException ex) {
			return Stream.empty();
		}
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
