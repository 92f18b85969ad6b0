package io.socketflows.client;

import java.time.Duration;

import io.socketflows.support.SocketsProperties;
import io.socketflows.support.SocketsProperties.AddressFamily;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every client shares: where the server is, which of its addresses to try, how long to wait.
 * Their defaults come from the {@code sockets} configuration (see {@link ClientDefaults}).
 */
public final class ClientOptions {

	@Spec(Spec.Target.MIXEE)
	private CommandSpec command;

	@Option(names = "--host", paramLabel = "HOST", description = { "Server: a name, an IPv4 or IPv6 address "
			+ "(with or without brackets), a scoped link-local address such as fe80::1%%eth0. Every address of a "
			+ "name is tried in order until one connects (default: ${DEFAULT-VALUE})." })
	private String host;

	@Option(names = "--port", paramLabel = "PORT", description = "Server port (default: ${DEFAULT-VALUE}).")
	private int port;

	@ArgGroup(exclusive = true, multiplicity = "0..1")
	private Family family;

	@Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
			description = "How long to wait for the connection and for an answer: 5s, 500ms, 1m "
					+ "(default: ${DEFAULT-VALUE}).")
	private Duration timeout;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	private boolean help;

	/**
	 * @param defaults the configured defaults, for the address family
	 * @return where to connect, the host resolved
	 * @throws ClientFailure if the host does not resolve
	 */
	public ClientTarget target(SocketsProperties.Client defaults) {
		if (this.port < 1 || this.port > 65535) {
			throw new ParameterException(this.command.commandLine(),
					"Invalid value for option '--port': " + this.port + " is not a port (1 to 65535)");
		}
		AddressFamily chosen = (this.family != null) ? this.family.value() : defaults.family();
		return ClientTarget.resolve(this.host, this.port, chosen, this.timeout);
	}

	/** {@code -4} or {@code -6}; neither keeps {@code sockets.client.family} (any, unless a profile says). */
	static final class Family {

		@Option(names = "-4", required = true, description = "IPv4 addresses only.")
		private boolean ipv4;

		@Option(names = "-6", required = true, description = "IPv6 addresses only.")
		private boolean ipv6;

		AddressFamily value() {
			return this.ipv4 ? AddressFamily.IPV4 : AddressFamily.IPV6;
		}

	}

}
