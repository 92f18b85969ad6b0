package io.socketflows.client;

import java.util.TreeSet;

import io.socketflows.client.ClientFailure.Status;
import io.socketflows.support.SocketsProperties;

import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the configuration as the servers read it: {@code application.yml} and its profiles (in the jar, beside
 * it, {@code spring.config.location}), environment variables and system properties; the {@code sockets} tree and
 * Boot's SSL bundles ({@code spring.ssl.bundle.*}).
 */
public final class ClientSettings {

	private final SocketsProperties sockets;

	private final Binder binder;

	private ClientSettings(SocketsProperties sockets, Binder binder) {
		this.sockets = sockets;
		this.binder = binder;
	}

	/**
	 * Boot's config-data rules without a {@code SpringApplication}, and bound without Bean Validation, whose
	 * start-up would weigh on a client's (bench/results/notes-in-code.md): a client checks its options as it
	 * parses them.
	 * @return the configuration
	 */
	public static ClientSettings load() {
		StandardEnvironment environment = new StandardEnvironment();
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		Binder binder = Binder.get(environment);
		return new ClientSettings(binder.bindOrCreate("sockets", SocketsProperties.class), binder);
	}

	/** @return the {@code sockets} configuration */
	public SocketsProperties sockets() {
		return this.sockets;
	}

	/**
	 * The bundle as Boot would register it in a server's application context; a client has none, and does
	 * not watch the bundle's files (it lives for one connection). Bound only when asked: a client without
	 * {@code --bundle} does not depend on {@code spring.ssl}.
	 * @param name a bundle under {@code spring.ssl.bundle.pem} or {@code spring.ssl.bundle.jks}
	 * @return the bundle
	 * @throws ClientFailure (usage) if no bundle has that name
	 */
	public SslBundle sslBundle(String name) {
		SslProperties.Bundles bundles;
		try {
			bundles = this.binder.bindOrCreate("spring.ssl", SslProperties.class).getBundle();
		}
		catch (BindException ex) {
			throw new ClientFailure(Status.USAGE, "--bundle " + name + ": " + ex.getMessage());
		}
		PemSslBundleProperties pem = bundles.getPem().get(name);
		if (pem != null) {
			return PropertiesSslBundle.get(pem);
		}
		JksSslBundleProperties jks = bundles.getJks().get(name);
		if (jks != null) {
			return PropertiesSslBundle.get(jks);
		}
		TreeSet<String> known = new TreeSet<>(bundles.getPem().keySet());
		known.addAll(bundles.getJks().keySet());
		String configured = known.isEmpty() ? "none configured" : "known: " + String.join(", ", known);
		throw new ClientFailure(Status.USAGE, "--bundle " + name
				+ ": no such SSL bundle under spring.ssl.bundle.pem or spring.ssl.bundle.jks (" + configured + ")");
	}

}
