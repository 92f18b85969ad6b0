package io.socketflows.support;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.netty.util.NetUtil;

/**
 * A block of addresses written {@code address/prefix} ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or one address
 * without a prefix; bound from text by {@link #of(String)}, so a wrong one stops start-up with the reason.
 *
 * @param address the block's address, as written (an IPv4-mapped IPv6 block is kept as IPv4)
 * @param prefixLength how many leading bits an address must share with it: 0-32 for IPv4, 0-128 for IPv6
 */
public record Cidr(InetAddress address, int prefixLength) {

	/** The prefix of IPv4-mapped IPv6 addresses ({@code ::ffff:0:0/96}). */
	private static final int MAPPED_PREFIX = 96;

	/**
	 * @param text {@code address/prefix} or an address alone; literals only, never a host name
	 * @return the block
	 * @throws IllegalArgumentException if it is not one
	 */
	public static Cidr of(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		String literal = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		boolean ipv6 = NetUtil.isValidIpV6Address(literal);
		if (!ipv6 && !NetUtil.isValidIpV4Address(literal)) {
			throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address with an optional /prefix "
					+ "(e.g. 10.0.0.0/8, 2001:db8::/32)");
		}
		InetAddress address;
		try {
			// A valid literal: no name is looked up.
			address = InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + text + "': " + ex.getMessage(), ex);
		}
		// The JDK reads ::ffff:a.b.c.d as the IPv4 address a.b.c.d: its prefix counts the 96 bits before.
		int mappedOffset = (ipv6 && address instanceof Inet4Address) ? MAPPED_PREFIX : 0;
		int max = (address instanceof Inet4Address) ? 32 + mappedOffset : 128;
		int prefix = max;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < mappedOffset || prefix > max) {
				throw new IllegalArgumentException("'" + text + "': the prefix must be " + mappedOffset + "-" + max);
			}
		}
		return new Cidr(address, prefix - mappedOffset);
	}

	@Override
	public String toString() {
		return NetUtil.toAddressString(this.address) + "/" + this.prefixLength;
	}

}
