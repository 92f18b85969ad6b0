package io.socketflows.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.socketflows.support.SocketsProperties;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;

/**
 * Decides whether a datagram is answered. Before any work is spent on it: the address rules, then the optional
 * token bucket per client address ({@code sockets.udp.rate-limit}). Before its reply leaves: the anti-amplification
 * budget of the address ({@code sockets.udp.amplification}), so that a spoofed source, whose replies go to a
 * victim, earns the victim no more bytes than it sent, past the burst.
 */
public final class DatagramGate {

	/**
	 * Sources remembered at most, per table: about 100 bytes each, 10 MB in all. A flood from more addresses evicts
	 * some, which then start again with a full burst: the limit errs towards serving, memory stays bounded.
	 */
	static final int MAX_SOURCES = 100_000;

	/*
	 * Both tables do their upkeep (eviction, expiry) on the thread that reads them, Runnable::run: Caffeine's default
	 * hands it to the common pool, which cost an unpark, and a futex call, every few datagrams on the event loops.
	 */

	/**
	 * A budget left alone this long is forgotten, and the address starts again with the burst. A source that keeps
	 * sending is never forgotten, so a flood cannot earn its burst back by waiting between datagrams.
	 */
	private static final Duration BUDGET_IDLE = Duration.ofMinutes(1);

	private final AddressRules rules;

	private final double tokensPerNano;

	private final double burst;

	/** Null when there is no rate limit. */
	private final Cache<InetAddress, Bucket> buckets;

	private final double ratio;

	private final long budgetBurst;

	/** Null when replies are not held to a budget. */
	private final Cache<InetAddress, Budget> budgets;

	/**
	 * @param udp the UDP settings: the amplification budget and the rate limit
	 * @param rules the address rules
	 */
	DatagramGate(SocketsProperties.Udp udp, AddressRules rules) {
		this(udp.rateLimit().perSource(), udp.rateLimit().burst(),
				udp.amplification().enabled() ? udp.amplification().ratio() : -1,
				udp.amplification().burst().toBytes(), rules);
	}

	/**
	 * @param perSecond replies per second per source, 0 for no rate limit
	 * @param burst replies at once beyond the rate
	 * @param ratio reply bytes per byte received, negative for no amplification budget
	 * @param budgetBurst reply bytes beyond the ratio
	 * @param rules the address rules
	 */
	DatagramGate(int perSecond, int burst, double ratio, long budgetBurst, AddressRules rules) {
		this.rules = rules;
		this.tokensPerNano = perSecond / 1e9;
		this.burst = burst;
		// A bucket left alone for burst/rate seconds is full again, as a new one: forgetting it then loses nothing.
		this.buckets = (perSecond > 0) ? Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(MAX_SOURCES)
			.expireAfterAccess(Duration.ofMillis(Math.max(1000, (long) Math.ceil(burst * 1000.0 / perSecond))))
			.build() : null;
		this.ratio = ratio;
		this.budgetBurst = budgetBurst;
		this.budgets = (ratio >= 0) ? Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(MAX_SOURCES)
			.expireAfterAccess(BUDGET_IDLE)
			.build() : null;
	}

	/** Lets every datagram through and every reply out. */
	static DatagramGate open() {
		return new DatagramGate(0, 1, -1, 0, AddressRules.NONE);
	}

	/**
	 * Admits a datagram or not, and credits its bytes to its source's budget if it is admitted.
	 * @param sender a datagram's sender
	 * @param bytes its payload size
	 * @return null to answer it, else why it is dropped
	 */
	public DatagramObserver.Drop check(InetAddress sender, int bytes) {
		if (this.rules.isEmpty() && this.buckets == null && this.budgets == null) {
			return null;
		}
		InetAddress source = AddressRules.source(sender);
		if (this.rules.refusal(source) != null) {
			return DatagramObserver.Drop.DENIED;
		}
		if (this.buckets != null && !this.buckets.get(source, (key) -> new Bucket(this.burst)).take(this)) {
			return DatagramObserver.Drop.RATE_LIMIT;
		}
		if (this.budgets != null) {
			this.budgets.get(source, (key) -> new Budget(this.budgetBurst)).received(this, bytes);
		}
		return null;
	}

	/**
	 * Takes a reply's bytes from its destination's budget, if it has them.
	 * @param destination where the reply goes
	 * @param bytes its payload size
	 * @return null to send it, else why it is dropped
	 */
	DatagramObserver.Drop reply(InetAddress destination, int bytes) {
		if (this.budgets == null) {
			return null;
		}
		// An address that sent nothing the gate saw (a reply the flow makes up) starts with the burst alone.
		Budget budget = this.budgets.get(AddressRules.source(destination), (key) -> new Budget(this.budgetBurst));
		return budget.spend(bytes) ? null : DatagramObserver.Drop.AMPLIFICATION;
	}

	/** Takes a reply from its destination's budget; one over it is dropped and counted, not failed. */
	public boolean withinBudget(DatagramObserver observer, Message<?> message) {
		if (message.getHeaders().get(IpHeaders.PACKET_ADDRESS) instanceof InetSocketAddress to) {
			int bytes = length(message);
			DatagramObserver.Drop drop = reply(to.getAddress(), bytes);
			if (drop != null) {
				observer.dropped(to, bytes, drop);
				return false;
			}
		}
		return true;
	}

	/** @return the payload's length in bytes, as it will be sent */
	public static int length(Message<?> message) {
		Object payload = message.getPayload();
		return (payload instanceof byte[] bytes) ? bytes.length
				: (payload instanceof String text) ? text.getBytes(StandardCharsets.UTF_8).length : 0;
	}

	/** @return how many sources' budgets are remembered now, once pending evictions are done */
	long budgetedSources() {
		if (this.budgets == null) {
			return 0;
		}
		this.budgets.cleanUp();
		return this.budgets.estimatedSize();
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

	/**
	 * One source's reply bytes: each datagram received adds {@code ratio} times its length to what is left over,
	 * and the leftover is kept up to the burst (so a large datagram can always be answered by as large a reply,
	 * while a long-lived source cannot hoard an allowance for a spoofer to spend).
	 */
	private static final class Budget {

		private long allowance;

		Budget(long burst) {
			this.allowance = burst;
		}

		synchronized void received(DatagramGate gate, int bytes) {
			this.allowance = Math.min(this.allowance, gate.budgetBurst) + (long) (gate.ratio * bytes);
		}

		synchronized boolean spend(int bytes) {
			if (bytes > this.allowance) {
				return false;
			}
			this.allowance -= bytes;
			return true;
		}

	}

}
