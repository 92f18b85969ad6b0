package io.socketflows.support;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Addresses as logs, health and messages show them.
 */
public final class SocketAddresses {

	private SocketAddresses() {
	}

	/** @return {@code 127.0.0.1:3000}, {@code [::1]:3000}: an IPv6 address in brackets */
	public static String format(String host, int port) {
		return ((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host) + ":" + port;
	}

	/** @return an IP socket address as {@link #format(String, int)} does, without a name or a slash; null as "unknown" */
	public static String format(SocketAddress address) {
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			return format(inet.getAddress().getHostAddress(), inet.getPort());
		}
		return String.valueOf(address != null ? address : "unknown");
	}

}
