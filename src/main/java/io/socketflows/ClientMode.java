package io.socketflows;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.socketflows.ack.AckClient;
import io.socketflows.bench.BenchClient;
import io.socketflows.chat.ChatClient;
import io.socketflows.client.ClientDefaults;
import io.socketflows.client.ClientEnvironment;
import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientLogging;
import io.socketflows.client.ClientSettings;
import io.socketflows.client.ClientStreams;
import io.socketflows.echo.EchoClient;
import io.socketflows.udp.UdpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar socket-flows.jar client echo|ack|udp|chat ...}: one client, its reply on standard output.
 */
@Command(name = "client", description = "Talks to a socket-flows service, or to the tutorial's servers.",
		synopsisSubcommandLabel = "(echo | ack | udp | chat)",
		footer = { "", "Defaults come from the configuration the servers read: each service's port (and echo's "
				+ "framing), sockets.client.host, sockets.client.family and sockets.client.timeout; a profile "
				+ "(ipv4, ipv6) or an environment variable such as SOCKETS_CLIENT_TIMEOUT=10s changes them." })
public final class ClientMode implements Runnable {

	/** The clients, in the order the help lists them. */
	private static final List<Class<?>> CLIENTS = List.of(EchoClient.class, AckClient.class, UdpClient.class,
			ChatClient.class, BenchClient.class);

	@Spec
	private CommandSpec command;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	private boolean help;

	@Override
	public void run() {
		throw new ParameterException(this.command.commandLine(), "Missing the service: echo, ack, udp or chat");
	}

	/**
	 * Client mode of the process: logs on standard error, replies on standard output.
	 * @param args the arguments after {@code client}
	 * @return the exit status
	 */
	public static int run(String... args) {
		ClientLogging.toStandardError();
		return execute(ClientStreams.system(), args);
	}

	/**
	 * Runs one client, in the logging of this process.
	 * @param streams standard input, output and error
	 * @param args the arguments after {@code client}
	 * @return the exit status
	 */
	public static int execute(ClientStreams streams, String... args) {
		CompletableFuture<ClientSettings> settings;
		if (ClientSettings.filesAskedFor(List.of(args), System.getenv(), System.getProperties())) {
			// Reading the files (Boot's config data, YAML, binding) takes as long as setting up the command line
			// (picocli's model of every client): a client that asks for them does both at once.
			settings = inBackground("client-configuration", ClientSettings::fromFiles);
		}
		else {
			settings = inBackground("client-configuration",
					() -> ClientSettings.fromEnvironment(System.getenv(), System.getProperties()));
		}
		try (ClientEnvironment environment = new ClientEnvironment(settings, streams)) {
			CommandLine commandLine = new CommandLine(new ClientMode(), commands(environment));
			for (Class<?> client : clients(args)) {
				commandLine.addSubcommand(client);
			}
			commandLine.getCommandSpec().usageMessage().footer(footer(commandLine));
			commandLine.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true));
			commandLine.setErr(new PrintWriter(new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8), true));
			commandLine.setExecutionExceptionHandler(ClientMode::failed);
			try {
				commandLine.setDefaultValueProvider(new ClientDefaults(environment.sockets()));
			}
			catch (RuntimeException ex) {
				streams.err().println("client: cannot start: " + rootCause(ex).getMessage());
				return ClientFailure.Status.FAILED.exitCode();
			}
			return commandLine.execute(args);
		}
	}

	/**
	 * Picocli's model of a client (its options, mixins, help) takes longer to build than the rest of a client's
	 * start: a command line that names a client gets that client's alone. Any other (the help, a mistake) gets
	 * them all, for the list and the message.
	 */
	private static List<Class<?>> clients(String... args) {
		if (args.length > 0) {
			for (Class<?> client : CLIENTS) {
				if (client.getAnnotation(Command.class).name().equals(args[0])) {
					return List.of(client);
				}
			}
		}
		return CLIENTS;
	}

	/**
	 * Each client is created with the environment its constructor asks for; picocli creates the rest (options,
	 * converters).
	 */
	private static IFactory commands(ClientEnvironment environment) {
		IFactory picocli = CommandLine.defaultFactory();
		return new IFactory() {

			@Override
			public <K> K create(Class<K> type) throws Exception {
				if (!type.isAnnotationPresent(Command.class) || type == ClientMode.class) {
					return picocli.create(type);
				}
				Constructor<K> constructor = type.getDeclaredConstructor(ClientEnvironment.class);
				constructor.setAccessible(true);
				return constructor.newInstance(environment);
			}

		};
	}

	/** On a thread of its own: the common pool has one thread on two processors. */
	private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(task.get());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	/** The footer written here, and the exit statuses from {@link ClientFailure.Status}. */
	private static String[] footer(CommandLine commandLine) {
		List<String> footer = new ArrayList<>(List.of(commandLine.getCommandSpec().usageMessage().footer()));
		footer.add("");
		footer.add("Exit status:");
		ClientFailure.Status.descriptions().forEach((status, meaning) -> footer.add("  " + status + "  " + meaning));
		return footer.toArray(String[]::new);
	}

	/** One line on standard error: the reason, never a stack trace. */
	private static int failed(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		String client = commandLine.getCommandName();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClientFailure failure) {
				commandLine.getErr().println(client + ": " + failure.getMessage());
				return failure.status().exitCode();
			}
		}
		commandLine.getErr().println(client + ": " + rootCause(ex));
		return ClientFailure.Status.FAILED.exitCode();
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
