package io.socketflows.echo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;

import io.socketflows.client.ClientCommandSupport;
import io.socketflows.client.ClientEnvironment;
import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientInbox;
import io.socketflows.client.ClientTarget;
import io.socketflows.client.ClientTlsOptions;
import io.socketflows.client.TcpClientConnection;
import io.socketflows.support.EnumNames;
import io.socketflows.support.Framing;
import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The echo client ({@code helloClient.py}):
 * {@code MESSAGE -> tcpEchoClientAdapter -> tcp:3000 -> tcpEchoClientInboundAdapter -> tcpEchoClientReplies -> stdout},
 * or standard input streamed through the same adapters, like {@code nc -N}.
 */
@Command(name = "echo", description = { "Sends MESSAGE to the echo service and prints the echo (helloClient.py).",
		"With -, streams standard input to the server and the echoes to standard output, like nc -N: at the end "
				+ "of input it shuts its output down, prints the last echoes and exits when the server closes." })
public final class EchoClient extends ClientCommandSupport {

	private static final String STANDARD_INPUT = "-";

	/** Standard input may take its time: a person types, a pipe waits for its producer. */
	private static final Duration FOREVER = Duration.ofDays(365);

	@Option(names = "--framing", paramLabel = "FRAMING", converter = FramingNames.class,
			completionCandidates = FramingNames.class,
			description = "How messages are cut, as the server cuts them: ${COMPLETION-CANDIDATES} "
					+ "(default: ${DEFAULT-VALUE}).")
	private Framing framing;

	@Parameters(arity = "0..1", paramLabel = "MESSAGE|-", defaultValue = "Hello, world",
			description = { "What to send (default: '${DEFAULT-VALUE}').",
					"- streams standard input: bytes as they are in raw framing, one message per line otherwise." })
	private String message;

	@Mixin
	private ClientTlsOptions tls;

	EchoClient(ClientEnvironment environment) {
		super(environment);
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		ClientTarget target = target();
		SocketsProperties.Echo echo = sockets().echo();
		int bufferSize = (int) echo.bufferSize().toBytes();
		ClientInbox inbox = new ClientInbox();
		TcpClientConnection connection = TcpClientConnection.open(environment(), "tcpEchoClient", target,
				this.framing.codec(bufferSize, (int) echo.maxMessageSize().toBytes()), inbox, this.tls);
		if (!STANDARD_INPUT.equals(this.message)) {
			return exchange(connection, inbox, target);
		}
		inbox.readInput(streams().in(), this.framing != Framing.RAW, bufferSize);
		boolean inputEnded = false;
		while (true) {
			// Input has no deadline; once it has ended, every echo is printed once the server closes.
			ClientInbox.Event event = inbox.next(inputEnded ? target.timeout() : FOREVER);
			if (event == null && inputEnded) {
				throw target.timeout("end of the echoes");
			}
			if (event instanceof ClientInbox.Input input) {
				connection.send(input.bytes());
			}
			else if (event instanceof ClientInbox.EndOfInput) {
				inputEnded = true;
				connection.shutdownOutput();
			}
			else if (event instanceof ClientInbox.Reply reply) {
				print(reply.bytes());
			}
			else if (event instanceof ClientInbox.Closed) {
				if (!inputEnded) {
					throw new ClientFailure(ClientFailure.Status.FAILED,
							target + " closed the connection before the end of input");
				}
				return 0;
			}
		}
	}

	/** Raw bytes may come back in several reads; a framed echo is one message. */
	private int exchange(TcpClientConnection connection, ClientInbox inbox, ClientTarget target)
			throws IOException, InterruptedException {
		byte[] request = this.message.getBytes(StandardCharsets.UTF_8);
		connection.send(request);
		ByteArrayOutputStream echo = new ByteArrayOutputStream();
		int replies = 0;
		while ((this.framing == Framing.RAW) ? echo.size() < request.length : replies == 0) {
			ClientInbox.Event event = inbox.next(target.timeout());
			if (event == null) {
				throw target.timeout("echo");
			}
			if (event instanceof ClientInbox.Reply reply) {
				echo.writeBytes(reply.bytes());
				replies++;
			}
			else if (event instanceof ClientInbox.Closed) {
				throw new ClientFailure(ClientFailure.Status.FAILED, target + " closed the connection after "
						+ echo.size() + " of the " + request.length + " bytes");
			}
		}
		streams().printLine(echo.toByteArray());
		return 0;
	}

	/** An echo of the stream: bytes as they are in raw framing, one line per message otherwise. */
	private void print(byte[] echo) throws IOException {
		if (this.framing == Framing.RAW) {
			streams().out().write(echo);
			streams().out().flush();
		}
		else {
			streams().printLine(echo);
		}
	}

	/** {@code raw}, {@code crlf}, {@code length-header-2}: the names the configuration takes. */
	static final class FramingNames implements ITypeConverter<Framing>, Iterable<String> {

		@Override
		public Framing convert(String value) {
			return EnumNames.parse(Framing.class, value)
				.orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this)));
		}

		@Override
		public Iterator<String> iterator() {
			return EnumNames.kebab(Framing.class).iterator();
		}

	}

}
