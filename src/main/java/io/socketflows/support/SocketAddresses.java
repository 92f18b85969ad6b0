package io.socketflows.support;

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

}
