package io.socketflows.client;

import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;

import io.socketflows.support.SocketsProperties;

import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.Lifecycle;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.integration.context.IntegrationContextUtils;

/**
 * What every client command is given: the configuration, the standard streams, and a home for the Spring
 * Integration components it creates once its command line says where the server is.
 * <p>
 * Not an application context: a client lives for a second, and a context with Spring Integration's
 * infrastructure doubled its start-up. The components run as they would in one: a bean factory gives them their
 * defaults, they are initialised and started here and stopped by {@link #close()}, last started first.
 */
public final class ClientEnvironment implements AutoCloseable {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final CompletableFuture<ClientSettings> settings;

	private final ClientStreams streams;

	private final Deque<Lifecycle> started = new ConcurrentLinkedDeque<>();

	/**
	 * @param settings the configuration, perhaps still being read
	 * @param streams standard input, output and error
	 */
	public ClientEnvironment(CompletableFuture<ClientSettings> settings, ClientStreams streams) {
		this.settings = settings;
		this.streams = streams;
		// What @EnableIntegration would register and the UDP adapter asks for (its destination is an expression),
		// created only if asked.
		this.beanFactory.registerBeanDefinition(IntegrationContextUtils.INTEGRATION_EVALUATION_CONTEXT_BEAN_NAME,
				new RootBeanDefinition(StandardEvaluationContext.class, StandardEvaluationContext::new));
	}

	/** @return the {@code sockets} configuration, for the defaults, once it has been read */
	public SocketsProperties sockets() {
		return settings().sockets();
	}

	/** @return the configuration, once it has been read */
	public ClientSettings settings() {
		try {
			return this.settings.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the configuration", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot read the configuration: " + ex.getCause().getMessage(),
					ex.getCause());
		}
	}

	public ClientStreams streams() {
		return this.streams;
	}

	/**
	 * Initialises a Spring Integration component (channel, adapter, handler, connection factory) and starts it if
	 * it has a life cycle; its events go nowhere.
	 * @param <T> its type
	 * @param component the component, configured
	 * @return the component, ready
	 */
	public <T> T start(T component) {
		return start(component, (event) -> {
		});
	}

	/**
	 * Initialises a Spring Integration component and starts it if it has a life cycle.
	 * @param <T> its type
	 * @param component the component, configured
	 * @param events where it publishes its events (a connection closed, a socket listening)
	 * @return the component, ready
	 */
	public <T> T start(T component, ApplicationEventPublisher events) {
		if (component instanceof BeanFactoryAware aware) {
			aware.setBeanFactory(this.beanFactory);
		}
		if (component instanceof ApplicationEventPublisherAware aware) {
			aware.setApplicationEventPublisher(events);
		}
		try {
			if (component instanceof InitializingBean bean) {
				bean.afterPropertiesSet();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot initialise " + component + ": " + ex.getMessage(), ex);
		}
		if (component instanceof Lifecycle lifecycle) {
			// Recorded first: one that fails to start may still hold a socket or a thread to stop.
			this.started.push(lifecycle);
			lifecycle.start();
		}
		return component;
	}

	/** Stops what {@link #start(Object)} started, last first: adapters before their connection factory. */
	@Override
	public void close() {
		RuntimeException failure = null;
		Lifecycle lifecycle;
		while ((lifecycle = this.started.poll()) != null) {
			try {
				lifecycle.stop();
			}
			catch (RuntimeException ex) {
				// The others are stopped all the same.
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
