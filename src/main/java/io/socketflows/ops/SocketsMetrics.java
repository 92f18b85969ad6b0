package io.socketflows.ops;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.socketflows.support.SocketService;
import io.socketflows.transport.ConnectionRejectedEvent;
import io.socketflows.transport.DatagramObserver;

import org.springframework.stereotype.Component;

/**
 * The {@code sockets.*} meters, each tagged with its {@code service}.
 */
@Component
class SocketsMetrics {

	private final MeterRegistry registry;

	private final Map<SocketService, ServiceMeters> services = new EnumMap<>(SocketService.class);

	SocketsMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @param service the service
	 * @return its meters, registered on first use
	 */
	synchronized ServiceMeters of(SocketService service) {
		return this.services.computeIfAbsent(service, (key) -> new ServiceMeters(key, this.registry));
	}

	/**
	 * Registers the gauge of a TCP service's open connections.
	 * @param service the service
	 * @param count how many are open now
	 */
	void gaugeActiveConnections(SocketService service, Supplier<Number> count) {
		Gauge.builder("sockets.connections.active", count)
			.description("Connections open now")
			.tag("service", service.id())
			.register(this.registry);
	}

	/**
	 * Counts an error.
	 * @param service the service
	 * @param kind what failed: {@code protocol} (bad input), {@code connection}, {@code timeout} or {@code send}
	 */
	void error(SocketService service, String kind) {
		Counter.builder("sockets.errors")
			.description("Errors, by kind")
			.tag("service", service.id())
			.tag("kind", kind)
			.register(this.registry)
			.increment();
	}

	/**
	 * Counts a datagram dropped unanswered.
	 * @param service the service
	 * @param reason why
	 */
	void dropped(SocketService service, DatagramObserver.Drop reason) {
		droppedCounter(service, reason).increment();
	}

	/**
	 * Registers the dropped-datagram counters of a UDP service at zero, so that a scrape shows them before any drop.
	 * @param service a UDP service
	 */
	void registerDropped(SocketService service) {
		for (DatagramObserver.Drop reason : DatagramObserver.Drop.values()) {
			droppedCounter(service, reason);
		}
	}

	private Counter droppedCounter(SocketService service, DatagramObserver.Drop reason) {
		return Counter.builder("sockets.udp.dropped")
			.description("Datagrams dropped unanswered: address rules, amplification budget, rate limit")
			.tag("service", service.id())
			.tag("reason", reason.tag())
			.register(this.registry);
	}

	/** The meters of one service. */
	static final class ServiceMeters {

		// Connection meters exist for TCP services only: a datagram service has no connections.
		private final Counter opened;

		private final Counter closed;

		private final Map<ConnectionRejectedEvent.Reason, Counter> rejected;

		private final Counter bytesReceived;

		private final Counter bytesSent;

		private final Counter messagesReceived;

		private final Counter messagesSent;

		private final Timer replyTime;

		ServiceMeters(SocketService service, MeterRegistry registry) {
			boolean tcp = service.protocol() == SocketService.Protocol.TCP;
			this.opened = tcp ? counter("sockets.connections.opened", "Connections accepted", service, registry) : null;
			this.closed = tcp ? counter("sockets.connections.closed", "Connections closed", service, registry) : null;
			this.rejected = tcp ? rejectedCounters(service, registry) : null;
			this.bytesReceived = counter("sockets.bytes.received", "Payload bytes received", service, registry);
			this.bytesSent = counter("sockets.bytes.sent", "Payload bytes sent", service, registry);
			this.messagesReceived = counter("sockets.messages.received",
					"Messages (reads, frames or datagrams) received", service, registry);
			this.messagesSent = counter("sockets.messages.sent", "Messages (replies or datagrams) sent", service,
					registry);
			this.replyTime = Timer.builder("sockets.reply.time")
				.description("Time from a request to its reply")
				.tag("service", service.id())
				.register(registry);
		}

		/** One counter per reason, registered up front so that a scrape shows zeros rather than nothing. */
		private static Map<ConnectionRejectedEvent.Reason, Counter> rejectedCounters(SocketService service,
				MeterRegistry registry) {
			Map<ConnectionRejectedEvent.Reason, Counter> counters = new EnumMap<>(ConnectionRejectedEvent.Reason.class);
			for (ConnectionRejectedEvent.Reason reason : ConnectionRejectedEvent.Reason.values()) {
				counters.put(reason, Counter.builder("sockets.connections.rejected")
					.description("Connections refused or closed by the server: limits, address rules, timeouts, "
							+ "bad input")
					.tag("service", service.id())
					.tag("reason", reason.tag())
					.register(registry));
			}
			return counters;
		}

		private static Counter counter(String name, String description, SocketService service,
				MeterRegistry registry) {
			return Counter.builder(name).description(description).tag("service", service.id()).register(registry);
		}

		void opened() {
			this.opened.increment();
		}

		void closed() {
			this.closed.increment();
		}

		void rejected(ConnectionRejectedEvent.Reason reason) {
			this.rejected.get(reason).increment();
		}

		void received(int bytes) {
			this.messagesReceived.increment();
			this.bytesReceived.increment(bytes);
		}

		void sent(int bytes) {
			this.messagesSent.increment();
			this.bytesSent.increment(bytes);
		}

		void replied(Duration afterRequest) {
			this.replyTime.record(afterRequest);
		}

	}

}
