package io.socketflows.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.socketflows.client.ClientFailure.Status;
import io.socketflows.support.SocketsProperties.AddressFamily;

/**
 * Where a client talks to: the host as given and every address it resolves to, of the chosen family, in the
 * resolver's order (the list {@code getaddrinfo} hands {@code helloClient6.py}), the port, and how long to wait.
 *
 * @param host the host as given on the command line
 * @param addresses its addresses, never empty
 * @param port the server's port
 * @param timeout how long to wait for a connection or for an answer
 */
public record ClientTarget(String host, List<InetAddress> addresses, int port, Duration timeout) {

	/** Two or more zero groups of an IPv6 address as Java writes it ({@code 0:0:0:0:0:0:0:1}). */
	private static final Pattern ZERO_GROUPS = Pattern.compile("(?<![0-9a-f])0(:0)+(?![0-9a-f])");

	/**
	 * @param host a name, an IPv4 address, an IPv6 address with or without brackets, a scoped IPv6 address
	 * ({@code fe80::1%eth0})
	 * @param port the server's port
	 * @param family which addresses to keep
	 * @param timeout how long to wait
	 * @return the target, its addresses resolved
	 * @throws ClientFailure if the host has no address of that family
	 */
	static ClientTarget resolve(String host, int port, AddressFamily family, Duration timeout) {
		String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		InetAddress[] all;
		try {
			all = InetAddress.getAllByName(name);
		}
		catch (UnknownHostException ex) {
			throw new ClientFailure(Status.UNKNOWN_HOST, "unknown host " + host + " (" + ex.getMessage() + ")");
		}
		List<InetAddress> addresses = Arrays.stream(all).filter((address) -> switch (family) {
			case ANY -> true;
			case IPV4 -> address instanceof Inet4Address;
			case IPV6 -> address instanceof Inet6Address;
		}).toList();
		if (addresses.isEmpty()) {
			throw new ClientFailure(Status.UNKNOWN_HOST, "unknown host " + host + " (no "
					+ ((family == AddressFamily.IPV4) ? "IPv4" : "IPv6") + " address, only " + describe(List.of(all)) + ")");
		}
		return new ClientTarget(host, addresses, port, timeout);
	}

	/** @return each address with the port, in the order to try them */
	public List<InetSocketAddress> socketAddresses() {
		return this.addresses.stream().map((address) -> new InetSocketAddress(address, this.port)).toList();
	}

	/**
	 * @param waitingFor what did not come, such as {@code "answer"}
	 * @return the failure to report when it did not come within the timeout
	 */
	public ClientFailure timeout(String waitingFor) {
		return new ClientFailure(Status.TIMEOUT,
				"no " + waitingFor + " from " + this + " within " + Durations.format(this.timeout));
	}

	/**
	 * @param server the address the datagram went to
	 * @return the failure to report when no datagram came back within the timeout
	 */
	public ClientFailure noUdpAnswer(InetSocketAddress server) {
		return new ClientFailure(Status.NO_UDP_ANSWER, "no answer from udp " + this + " ("
				+ describe(server.getAddress()) + ") within " + Durations.format(this.timeout));
	}

	/**
	 * @param last why the last address could not be connected to
	 * @return the failure to report when no address accepted the connection
	 */
	ClientFailure connectFailure(IOException last) {
		String tried = this + " (" + describe(this.addresses) + ")";
		if (last instanceof SocketTimeoutException) {
			return new ClientFailure(Status.TIMEOUT,
					"no connection to " + tried + " within " + Durations.format(this.timeout));
		}
		if (last instanceof ConnectException) {
			return new ClientFailure(Status.REFUSED, "could not connect to " + tried + ": " + last.getMessage());
		}
		return new ClientFailure(Status.FAILED, "could not connect to " + tried + ": " + last);
	}

	/** @return {@code localhost:3000}, {@code [::1]:3000} */
	@Override
	public String toString() {
		return (this.host.contains(":") && !this.host.startsWith("[")) ? "[" + this.host + "]:" + this.port
				: this.host + ":" + this.port;
	}

	private static String describe(List<InetAddress> addresses) {
		return addresses.stream().map(ClientTarget::describe).collect(Collectors.joining(", "));
	}

	/** @return {@code 127.0.0.1}, {@code ::1}, {@code fe80::1%eth0}: the longest run of zero groups as {@code ::} */
	private static String describe(InetAddress address) {
		String text = address.getHostAddress();
		int start = -1;
		int end = -1;
		for (Matcher zeros = ZERO_GROUPS.matcher(text); zeros.find();) {
			if (zeros.end() - zeros.start() > end - start) {
				start = zeros.start();
				end = zeros.end();
			}
		}
		return (start < 0) ? text : (text.substring(0, start) + "::" + text.substring(end)).replace(":::", "::");
	}

}
