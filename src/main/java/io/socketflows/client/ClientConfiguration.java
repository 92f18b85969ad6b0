package io.socketflows.client;

import io.socketflows.support.SocketsProperties;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * The whole context of client mode: Spring Integration, whose flows each client registers when it runs (host
 * and port come from its command line), and the {@code sockets} configuration for the defaults. The servers'
 * configurations are not scanned: no listener, no web server, no actuator.
 * <p>
 * Not a {@code @Configuration}, so that the application's component scan leaves it out of server mode.
 */
@EnableIntegration
public final class ClientConfiguration {

	/**
	 * Bound as the servers bind it, without Bean Validation, whose start-up would cost a client a second: a
	 * client checks its options as it parses them.
	 */
	@Bean
	SocketsProperties socketsProperties(Environment environment) {
		return Binder.get(environment).bindOrCreate("sockets", SocketsProperties.class);
	}

	@Bean
	ClientEnvironment clientEnvironment(SocketsProperties sockets, IntegrationFlowContext flows,
			ConfigurableApplicationContext context, ClientStreams clientStreams) {
		return new ClientEnvironment(sockets, flows, context, clientStreams);
	}

	/**
	 * @param streams the client's standard streams, a bean of the context
	 * @return the started context: application.yml and the active profiles read, lazily initialised
	 */
	public static ConfigurableApplicationContext start(ClientStreams streams) {
		SpringApplication application = new SpringApplicationBuilder(ClientConfiguration.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.lazyInitialization(true)
			.registerShutdownHook(false)
			.initializers((ConfigurableApplicationContext context) -> context.getBeanFactory()
				.registerSingleton("clientStreams", streams))
			.build();
		// Client mode sets logging up once, to standard error (ClientLogging); the context must not set it up
		// again, and a client run inside another application (a test) leaves that application's logging alone.
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		return application.run();
	}

}
