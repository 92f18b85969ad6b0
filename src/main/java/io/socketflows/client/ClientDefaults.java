package io.socketflows.client;

import java.util.Arrays;

import io.socketflows.support.EnumNames;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the {@code sockets} configuration the servers read too: a client talks to a service on
 * its configured port and framing, and takes host and timeout from {@code sockets.client}. So a profile, an
 * environment variable ({@code SOCKETS_ECHO_PORT=4000}) or {@code --help} shows and uses the same values.
 */
public final class ClientDefaults implements IDefaultValueProvider {

	private final SocketsProperties sockets;

	public ClientDefaults(SocketsProperties sockets) {
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
			case "--port" -> port(option.command().name());
			case "--framing" -> EnumNames.kebab(this.sockets.echo().framing());
			default -> null;
		};
	}

	/**
	 * A client is named after its service, and the load generator measures the echo service unless told otherwise.
	 */
	private String port(String command) {
		String service = "bench".equals(command) ? SocketService.ECHO.id() : command;
		return Arrays.stream(SocketService.values())
			.filter((candidate) -> candidate.id().equals(service))
			.findFirst()
			.map((candidate) -> String.valueOf(this.sockets.port(candidate)))
			.orElse(null);
	}

}
