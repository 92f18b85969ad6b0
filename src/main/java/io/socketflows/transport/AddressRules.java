package io.socketflows.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.socketflows.support.Cidr;

/**
 * {@code sockets.allow} and {@code sockets.deny}, the same for every service, TCP and UDP, on either transport:
 * deny wins, an empty allow list lets everyone in. Matching is Netty's {@link IpSubnetFilterRule}; the rules are
 * applied here rather than by its channel filter because UDP and the {@code net} transport have no Netty pipeline.
 */
final class AddressRules {

	/** No rules: everyone is served. */
	static final AddressRules NONE = new AddressRules(List.of(), List.of());

	private final List<Rule> allow;

	private final List<Rule> deny;

	/**
	 * @param allow the blocks served, or empty for every address
	 * @param deny the blocks refused
	 */
	AddressRules(List<Cidr> allow, List<Cidr> deny) {
		this.allow = allow.stream().map((cidr) -> new Rule(cidr, IpFilterRuleType.ACCEPT)).toList();
		this.deny = deny.stream().map((cidr) -> new Rule(cidr, IpFilterRuleType.REJECT)).toList();
	}

	/** @return whether there is any rule to check */
	boolean isEmpty() {
		return this.allow.isEmpty() && this.deny.isEmpty();
	}

	/**
	 * @param source a client's address, as {@link #source} gives it
	 * @return null when served, else why not ({@code sockets.deny 10.0.0.0/8}, {@code not in sockets.allow})
	 */
	String refusal(InetAddress source) {
		if (isEmpty()) {
			return null;
		}
		InetSocketAddress address = new InetSocketAddress(source, 0);
		for (Rule rule : this.deny) {
			if (rule.filter().matches(address)) {
				return "sockets.deny " + rule.cidr();
			}
		}
		if (this.allow.isEmpty()) {
			return null;
		}
		for (Rule rule : this.allow) {
			if (rule.filter().matches(address)) {
				return null;
			}
		}
		return "not in sockets.allow";
	}

	/**
	 * The address a client is known by: an IPv4 client on a dual-stack socket ({@code ::ffff:a.b.c.d}) as the
	 * IPv4 address, and an IPv6 one without its scope, so that rules and per-source counts see one address.
	 * @param address a remote address
	 * @return the same client's address, normalised
	 */
	static InetAddress source(InetAddress address) {
		if (address instanceof Inet6Address ipv6) {
			byte[] bytes = ipv6.getAddress();
			try {
				// getByAddress turns an IPv4-mapped address into an Inet4Address, and drops the scope.
				return InetAddress.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address;
	}

	private record Rule(Cidr cidr, IpSubnetFilterRule filter) {

		Rule(Cidr cidr, IpFilterRuleType type) {
			this(cidr, new IpSubnetFilterRule(cidr.address(), cidr.prefixLength(), type));
		}

	}

}
