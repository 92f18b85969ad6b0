package io.socketflows.client;

import java.util.concurrent.Callable;

import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.Mixin;

/**
 * The shell of every client command: the shared options, the configuration and the standard streams.
 */
public abstract class ClientCommandSupport implements Callable<Integer> {

	@Mixin
	private ClientOptions options;

	private final ClientEnvironment environment;

	protected ClientCommandSupport(ClientEnvironment environment) {
		this.environment = environment;
	}

	protected final ClientEnvironment environment() {
		return this.environment;
	}

	protected final SocketsProperties sockets() {
		return this.environment.sockets();
	}

	protected final ClientStreams streams() {
		return this.environment.streams();
	}

	/** @return the server of the command line, its host resolved */
	protected final ClientTarget target() {
		return this.options.target(sockets().client());
	}

}
