package io.socketflows.client;

import io.socketflows.support.SocketsProperties;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the {@code sockets} configuration as the servers read it: {@code application.yml} and its profiles
 * (in the jar, beside it, {@code spring.config.location}), environment variables and system properties.
 */
public final class ClientSettings {

	private ClientSettings() {
	}

	/**
	 * Boot's config-data rules without a {@code SpringApplication}, and bound without Bean Validation, whose
	 * start-up would cost a client a second: a client checks its options as it parses them.
	 * @return the configuration
	 */
	public static SocketsProperties load() {
		StandardEnvironment environment = new StandardEnvironment();
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		return Binder.get(environment).bindOrCreate("sockets", SocketsProperties.class);
	}

}
