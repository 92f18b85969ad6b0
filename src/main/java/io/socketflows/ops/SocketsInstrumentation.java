package io.socketflows.ops;

import java.net.SocketAddress;
import java.time.Duration;

import io.socketflows.support.LogLimiter;
import io.socketflows.support.SocketAddresses;
import io.socketflows.support.SocketService;
import io.socketflows.transport.ConnectionObserver;
import io.socketflows.transport.DatagramObserver;
import io.socketflows.transport.TcpServers;
import io.socketflows.transport.UdpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Instruments the server side of every service as its bean is created, so that no service wires its own
 * observability: each TCP server's connections count what they carry ({@link TcpServers#observe}), each UDP adapter
 * its datagrams; {@link ConnectionTracker} follows the connections' events.
 * <p>
 * The meters are looked up on the first connection or datagram, not here: a post-processor that depended on
 * them would create the meter registry before it could be post-processed itself.
 */
@Component
class SocketsInstrumentation implements BeanPostProcessor, BeanFactoryAware {

	private static final Logger logger = LoggerFactory.getLogger(SocketsInstrumentation.class);

	private final ObjectProvider<SocketsMetrics> metrics;

	private ListableBeanFactory beans;

	SocketsInstrumentation(ObjectProvider<SocketsMetrics> metrics) {
		this.metrics = metrics;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beans = (ListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		SocketService.ofServerBean(this.beans, beanName).ifPresent((service) -> {
			if (bean instanceof AbstractServerConnectionFactory factory) {
				TcpServers.observe(factory, new ConnectionMeters(service));
			}
			else if (bean instanceof UdpServer adapter) {
				adapter.setObserver(new DatagramMeters(service));
			}
		});
		return bean;
	}

	/** A service's meters, looked up at its first connection or datagram. */
	private abstract class ServiceObserver {

		final SocketService service;

		private volatile SocketsMetrics.ServiceMeters meters;

		ServiceObserver(SocketService service) {
			this.service = service;
		}

		SocketsMetrics.ServiceMeters meters() {
			SocketsMetrics.ServiceMeters meters = this.meters;
			if (meters == null) {
				meters = SocketsInstrumentation.this.metrics.getObject().of(this.service);
				this.meters = meters;
			}
			return meters;
		}

	}

	/** Counts a TCP service's messages and times its replies. */
	private final class ConnectionMeters extends ServiceObserver implements ConnectionObserver {

		ConnectionMeters(SocketService service) {
			super(service);
		}

		@Override
		public void received(int bytes) {
			meters().received(bytes);
		}

		@Override
		public void sent(int bytes) {
			meters().sent(bytes);
		}

		@Override
		public boolean timesReplies() {
			return this.service.answersRequests();
		}

		@Override
		public void answered(Duration afterRequest) {
			meters().replied(afterRequest);
		}

	}

	/** Counts a UDP service's datagrams and replies. */
	private final class DatagramMeters extends ServiceObserver implements DatagramObserver {

		private final LogLimiter dropLog = new LogLimiter(10);

		DatagramMeters(SocketService service) {
			super(service);
		}

		@Override
		public void received(SocketAddress sender, int bytes) {
			meters().received(bytes);
		}

		@Override
		public void replied(SocketAddress receiver, int bytes) {
			meters().sent(bytes);
		}

		@Override
		public void answered(Duration afterRequest) {
			meters().replied(afterRequest);
		}

		@Override
		public void replyFailed(SocketAddress receiver, Exception cause) {
			SocketsInstrumentation.this.metrics.getObject().error(this.service, "send");
		}

		/** Counted every one; logged a few a second, as a flood's drops would otherwise flood the log. */
		@Override
		public void dropped(SocketAddress sender, int bytes, Drop reason) {
			SocketsInstrumentation.this.metrics.getObject().dropped(this.service, reason);
			this.dropLog.warn(logger, "{}: datagram from {} dropped ({}), {} bytes", this.service,
					SocketAddresses.format(sender), reason.tag(), bytes);
		}

	}

}
