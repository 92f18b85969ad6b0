package io.socketflows.transport;

import java.net.InetAddress;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.socketflows.support.SocketsProperties;

/**
 * Decides, before any work is spent on it, whether a datagram is answered: the address rules, then a token bucket
 * per client address ({@code sockets.udp.rate-limit}), so that a spoofed source gets no more replies than it sends
 * datagrams, past the burst, and never more than the rate.
 */
public final class DatagramGate {

	/**
	 * Sources remembered at most: about 100 bytes each, 10 MB in all. A flood from more addresses evicts some,
	 * which then start again with a full burst: the limit errs towards serving, memory stays bounded.
	 */
	static final int MAX_SOURCES = 100_000;

	private final AddressRules rules;

	private final double tokensPerNano;

	private final double burst;

	/** Null when there is no rate limit. */
	private final Cache<InetAddress, Bucket> buckets;

	/**
	 * @param rateLimit replies per second per source (0 for no limit) and the burst
	 * @param rules the address rules
	 */
	public DatagramGate(SocketsProperties.Udp.RateLimit rateLimit, AddressRules rules) {
		this(rateLimit.perSource(), rateLimit.burst(), rules);
	}

	DatagramGate(int perSecond, int burst, AddressRules rules) {
		this.rules = rules;
		this.tokensPerNano = perSecond / 1e9;
		this.burst = burst;
		// A bucket left alone for burst/rate seconds is full again, as a new one: forgetting it then loses nothing.
		this.buckets = (perSecond > 0) ? Caffeine.newBuilder()
			.maximumSize(MAX_SOURCES)
			.expireAfterAccess(Duration.ofMillis(Math.max(1000, (long) Math.ceil(burst * 1000.0 / perSecond))))
			.build() : null;
	}

	/** Lets every datagram through. */
	static DatagramGate open() {
		return new DatagramGate(0, 1, AddressRules.NONE);
	}

	/**
	 * @param sender a datagram's sender
	 * @return null to answer it, else why it is dropped
	 */
	DatagramObserver.Drop check(InetAddress sender) {
		if (this.rules.isEmpty() && this.buckets == null) {
			return null;
		}
		InetAddress source = AddressRules.source(sender);
		if (this.rules.refusal(source) != null) {
			return DatagramObserver.Drop.DENIED;
		}
		if (this.buckets != null && !this.buckets.get(source, (key) -> new Bucket(this.burst)).take(this)) {
			return DatagramObserver.Drop.RATE_LIMIT;
		}
		return null;
	}

	/** One source's tokens: refilled at the rate up to the burst, one taken per datagram answered. */
	private static final class Bucket {

		private double tokens;

		private long refilledAt = System.nanoTime();

		Bucket(double burst) {
			this.tokens = burst;
		}

		synchronized boolean take(DatagramGate gate) {
			long now = System.nanoTime();
			this.tokens = Math.min(gate.burst, this.tokens + (now - this.refilledAt) * gate.tokensPerNano);
			this.refilledAt = now;
			if (this.tokens < 1) {
				return false;
			}
			this.tokens--;
			return true;
		}

	}

}
