package io.socketflows.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The {@code sockets.*} meters, each tagged with its {@code service}.
 */
@Component
public class SocketsMetrics {

	private final MeterRegistry registry;

	private final Map<String, ServiceMeters> services = new ConcurrentHashMap<>();

	SocketsMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @param service the service name
	 * @return its meters, registered on first use
	 */
	public ServiceMeters of(String service) {
		return this.services.computeIfAbsent(service, (name) -> new ServiceMeters(name, this.registry));
	}

	/**
	 * Registers the gauge of a service's open connections.
	 * @param service the service name
	 * @param count how many are open now
	 */
	public void gaugeActiveConnections(String service, Supplier<Number> count) {
		io.micrometer.core.instrument.Gauge.builder("sockets.connections.active", count)
			.description("Connections open now")
			.tag("service", service)
			.register(this.registry);
	}

	/**
	 * Counts an error.
	 * @param service the service name
	 * @param kind what failed: {@code protocol} (bad input), {@code connection}, {@code timeout} or {@code send}
	 */
	public void error(String service, String kind) {
		Counter.builder("sockets.errors")
			.description("Errors, by kind")
			.tag("service", service)
			.tag("kind", kind)
			.register(this.registry)
			.increment();
	}

	/** The meters of one service. */
	public static final class ServiceMeters {

		private final String service;

		private final MeterRegistry registry;

		// Connection meters exist for TCP services only: a datagram service has no connections.
		private Counter opened;

		private Counter closed;

		private Counter rejected;

		private final Counter bytesReceived;

		private final Counter bytesSent;

		private final Counter messagesReceived;

		private final Counter messagesSent;

		private final Timer replyTime;

		ServiceMeters(String service, MeterRegistry registry) {
			this.service = service;
			this.registry = registry;
			this.bytesReceived = counter("sockets.bytes.received", "Payload bytes received", service, registry);
			this.bytesSent = counter("sockets.bytes.sent", "Payload bytes sent", service, registry);
			this.messagesReceived = counter("sockets.messages.received", "Messages (reads, frames or datagrams) received",
					service, registry);
			this.messagesSent = counter("sockets.messages.sent", "Messages (replies or datagrams) sent", service,
					registry);
			this.replyTime = Timer.builder("sockets.reply.time")
				.description("Time from a request to its reply")
				.tag("service", service)
				.register(registry);
		}

		private static Counter counter(String name, String description, String service, MeterRegistry registry) {
			return Counter.builder(name).description(description).tag("service", service).register(registry);
		}

		/** Registers the connection meters of a TCP service. */
		synchronized void countConnections() {
			if (this.opened == null) {
				this.opened = counter("sockets.connections.opened", "Connections accepted", this.service, this.registry);
				this.closed = counter("sockets.connections.closed", "Connections closed", this.service, this.registry);
				this.rejected = counter("sockets.connections.rejected", "Connections closed by the server on bad input",
						this.service, this.registry);
			}
		}

		public void opened() {
			this.opened.increment();
		}

		public void closed() {
			this.closed.increment();
		}

		public void rejected() {
			this.rejected.increment();
		}

		public void received(int bytes) {
			this.messagesReceived.increment();
			this.bytesReceived.increment(bytes);
		}

		public void sent(int bytes) {
			this.messagesSent.increment();
			this.bytesSent.increment(bytes);
		}

		public void replied(Duration afterRequest) {
			this.replyTime.record(afterRequest);
		}

	}

}
