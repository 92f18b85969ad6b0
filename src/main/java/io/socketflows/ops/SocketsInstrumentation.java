package io.socketflows.ops;

import java.net.SocketAddress;
import java.time.Duration;

import io.socketflows.support.LogLimiter;
import io.socketflows.support.SocketAddresses;
import io.socketflows.support.SocketService;
import io.socketflows.transport.DatagramObserver;
import io.socketflows.transport.UdpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.stereotype.Component;

/**
 * Instruments the server side of every service as its bean is created, so that no service wires its own
 * observability: each TCP connection is wrapped in a {@link TrackedConnection}, each UDP adapter counts its
 * datagrams.
 * <p>
 * The meters are looked up on the first connection or datagram, not here: a post-processor that depended on
 * them would create the meter registry before it could be post-processed itself.
 */
@Component
class SocketsInstrumentation implements BeanPostProcessor, BeanFactoryAware, ApplicationEventPublisherAware {

	private static final Logger logger = LoggerFactory.getLogger(SocketsInstrumentation.class);

	private final ObjectProvider<SocketsMetrics> metrics;

	private ApplicationEventPublisher publisher;

	private ListableBeanFactory beans;

	SocketsInstrumentation(ObjectProvider<SocketsMetrics> metrics) {
		this.metrics = metrics;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beans = (ListableBeanFactory) beanFactory;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		SocketService.ofServerBean(this.beans, beanName).ifPresent((service) -> {
			if (bean instanceof AbstractServerConnectionFactory factory) {
				factory.setInterceptorFactoryChain(tracking(service));
			}
			else if (bean instanceof UdpServer adapter) {
				adapter.setObserver(new DatagramMeters(service));
			}
		});
		return bean;
	}

	private TcpConnectionInterceptorFactoryChain tracking(SocketService service) {
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptor(() -> new TrackedConnection(service, this.publisher,
				this.metrics.getObject().of(service), service.answersRequests()));
		return chain;
	}

	/** Counts a UDP service's datagrams and replies. */
	private final class DatagramMeters implements DatagramObserver {

		private final SocketService service;

		private final LogLimiter dropLog = new LogLimiter(10);

		private volatile SocketsMetrics.ServiceMeters meters;

		DatagramMeters(SocketService service) {
			this.service = service;
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

		private SocketsMetrics.ServiceMeters meters() {
			SocketsMetrics.ServiceMeters meters = this.meters;
			if (meters == null) {
				meters = SocketsInstrumentation.this.metrics.getObject().of(this.service);
				this.meters = meters;
			}
			return meters;
		}

	}

}
