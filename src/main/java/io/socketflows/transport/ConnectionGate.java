package io.socketflows.transport;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.ConnectionRejectedEvent.Reason;

/**
 * Admits or refuses each accepted connection of one TCP service, on either transport: the address rules, then
 * {@code max-connections}, then {@code max-connections-per-source}. An admitted connection holds its place until
 * {@link #release}; the count is kept here, at accept, because the factory learns of a connection only once it
 * is set up, after other accepts may have run.
 */
public final class ConnectionGate {

	private final int maxConnections;

	private final int maxPerSource;

	private final AddressRules rules;

	private final AtomicInteger open = new AtomicInteger();

	/** Only addresses with an open connection: at most {@code maxConnections} entries. */
	private final Map<InetAddress, Integer> perSource = new ConcurrentHashMap<>();

	/**
	 * @param limits the service's limits
	 * @param rules the address rules
	 */
	ConnectionGate(SocketsProperties.TcpLimits limits, AddressRules rules) {
		this.maxConnections = limits.maxConnections();
		this.maxPerSource = limits.maxConnectionsPerSource();
		this.rules = rules;
	}

	/**
	 * @param remote the client's address
	 * @return null when admitted, and then {@link #release} must follow once; else the refusal
	 */
	public Refusal admit(InetAddress remote) {
		InetAddress source = AddressRules.source(remote);
		String denied = this.rules.refusal(source);
		if (denied != null) {
			return new Refusal(Reason.DENIED, denied);
		}
		if (this.open.incrementAndGet() > this.maxConnections) {
			this.open.decrementAndGet();
			return new Refusal(Reason.LIMIT, "max-connections " + this.maxConnections + " reached");
		}
		if (this.maxPerSource > 0) {
			boolean[] admitted = { false };
			this.perSource.compute(source, (key, count) -> {
				int current = (count != null) ? count : 0;
				admitted[0] = current < this.maxPerSource;
				return admitted[0] ? current + 1 : count;
			});
			if (!admitted[0]) {
				this.open.decrementAndGet();
				return new Refusal(Reason.PER_SOURCE, "max-connections-per-source " + this.maxPerSource
						+ " reached by " + source.getHostAddress());
			}
		}
		return null;
	}

	/** @param remote the address of a connection admitted earlier, now closed */
	public void release(InetAddress remote) {
		this.open.decrementAndGet();
		if (this.maxPerSource > 0) {
			this.perSource.computeIfPresent(AddressRules.source(remote), (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/** Why a connection is refused, and the words a log line adds. */
	public record Refusal(Reason reason, String detail) {
	}

}
