package io.socketflows.client;

import java.util.Locale;

import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the {@code sockets} configuration the servers read too: a client talks to a service on
 * its configured port and framing, and takes host and timeout from {@code sockets.client}. So a profile, an
 * environment variable ({@code SOCKETS_ECHO_PORT=4000}) or {@code --help} shows and uses the same values.
 */
final class ClientDefaults implements IDefaultValueProvider {

	private final SocketsProperties sockets;

	ClientDefaults(SocketsProperties sockets) {
		this.sockets = sockets;
	}

	@Override
	public String defaultValue(ArgSpec argument) {
		if (!(argument instanceof OptionSpec option)) {
			return null;
		}
		return switch (option.longestName()) {
			case "--host" -> this.sockets.client().host();
			case "--timeout" -> Durations.format(this.sockets.client().timeout());
			case "--port" -> port(option.command().qualifiedName(" "));
			case "--framing" -> this.sockets.echo().framing().name().toLowerCase(Locale.ROOT).replace('_', '-');
			default -> null;
		};
	}

	private String port(String command) {
		int port = switch (command) {
			case "client echo" -> this.sockets.echo().port();
			case "client ack" -> this.sockets.ack().port();
			case "client udp" -> this.sockets.udp().port();
			case "client chat" -> this.sockets.chat().port();
			case "client bench" -> this.sockets.echo().port();
			default -> throw new IllegalStateException("No service port for command " + command);
		};
		return String.valueOf(port);
	}

}
