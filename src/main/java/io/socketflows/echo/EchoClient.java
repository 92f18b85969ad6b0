package io.socketflows.echo;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientOptions;
import io.socketflows.client.ClientStreams;
import io.socketflows.client.ClientTarget;
import io.socketflows.client.FallbackTcpNetClientConnectionFactory;
import io.socketflows.client.TcpClientReplies;
import io.socketflows.support.Framing;
import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.support.MessageBuilder;

/**
 * The echo client ({@code helloClient.py}):
 * {@code MESSAGE -> tcpEchoClientFlow -> tcp:3000 -> tcpEchoClientReplyFlow -> stdout}, or standard input
 * streamed through the same flows, like {@code nc -N}.
 */
@Command(name = "echo", description = { "Sends MESSAGE to the echo service and prints the echo (helloClient.py).",
		"With -, streams standard input to the server and the echoes to standard output, like nc -N: at the end "
				+ "of input it shuts its output down, prints the last echoes and exits when the server closes." })
public final class EchoClient implements Callable<Integer> {

	private static final String STANDARD_INPUT = "-";

	@Mixin
	private ClientOptions options;

	@Option(names = "--framing", paramLabel = "FRAMING", converter = FramingNames.class,
			completionCandidates = FramingNames.class,
			description = "How messages are cut, as the server cuts them: ${COMPLETION-CANDIDATES} "
					+ "(default: ${DEFAULT-VALUE}).")
	private Framing framing;

	@Parameters(arity = "0..1", paramLabel = "MESSAGE|-", defaultValue = "Hello, world",
			description = { "What to send (default: '${DEFAULT-VALUE}').",
					"- streams standard input: bytes as they are in raw framing, one message per line otherwise." })
	private String message;

	private final SocketsProperties sockets;

	private final IntegrationFlowContext flows;

	private final ConfigurableApplicationContext context;

	private final ClientStreams streams;

	EchoClient(SocketsProperties sockets, IntegrationFlowContext flows, ConfigurableApplicationContext context,
			ClientStreams streams) {
		this.sockets = sockets;
		this.flows = flows;
		this.context = context;
		this.streams = streams;
	}

	@Override
	public Integer call() throws Exception {
		ClientTarget target = this.options.target(this.sockets.client());
		boolean stream = STANDARD_INPUT.equals(this.message);
		ByteArrayOutputStream echo = new ByteArrayOutputStream();
		TcpClientReplies replies = new TcpClientReplies("tcpEchoClient");
		this.context.addApplicationListener(replies);
		TcpNetClientConnectionFactory tcpEchoClient = tcpEchoClient(target);
		this.flows.registration(tcpEchoClientReplyFlow(tcpEchoClient, stream ? this::print : echo::writeBytes, replies))
			.id("tcpEchoClientReplyFlow")
			.register();
		MessagingTemplate requests = this.flows.registration(tcpEchoClientFlow(tcpEchoClient))
			.id("tcpEchoClientFlow")
			.addBean("tcpEchoClient", tcpEchoClient)
			.register()
			.getMessagingTemplate();
		// Connects now, so that a stream with no input still connects, and a failure comes before any input.
		TcpConnection connection = tcpEchoClient.getConnection();
		if (!stream) {
			return exchange(requests, replies, echo, target);
		}
		for (Iterator<byte[]> input = input(); input.hasNext();) {
			requests.send(MessageBuilder.withPayload(input.next()).build());
		}
		if (!replies.isClosed()) {
			connection.shutdownOutput();
		}
		// Every echo has been printed once the server closes: it closes after the last one.
		if (!replies.await((r) -> false, target.timeout()) && !replies.isClosed()) {
			throw target.timeout("end of the echoes");
		}
		return 0;
	}

	private int exchange(MessagingTemplate requests, TcpClientReplies replies, ByteArrayOutputStream echo,
			ClientTarget target) throws InterruptedException, IOException {
		byte[] request = this.message.getBytes(StandardCharsets.UTF_8);
		requests.send(MessageBuilder.withPayload(request).build());
		// Raw bytes may come back in several reads; a framed echo is one message.
		boolean raw = this.framing == Framing.RAW;
		if (!replies.await((r) -> raw ? r.bytes() >= request.length : r.messages() > 0, target.timeout())) {
			if (replies.isClosed()) {
				throw new ClientFailure(ClientFailure.Status.FAILED, target + " closed the connection after "
						+ replies.bytes() + " of the " + request.length + " bytes");
			}
			throw target.timeout("echo");
		}
		this.streams.printLine(echo.toByteArray());
		return 0;
	}

	private TcpNetClientConnectionFactory tcpEchoClient(ClientTarget target) {
		SocketsProperties.Echo echo = this.sockets.echo();
		Framing.Codec codec = this.framing.codec((int) echo.bufferSize().toBytes(),
				(int) echo.maxMessageSize().toBytes());
		TcpNetClientConnectionFactory tcpEchoClient = new FallbackTcpNetClientConnectionFactory(target);
		tcpEchoClient.setSerializer(codec.serializer());
		tcpEchoClient.setDeserializer(codec.deserializer());
		return tcpEchoClient;
	}

	private static IntegrationFlow tcpEchoClientFlow(TcpNetClientConnectionFactory tcpEchoClient) {
		return (flow) -> flow.handle(Tcp.outboundAdapter(tcpEchoClient), (e) -> e.id("tcpEchoClientAdapter"));
	}

	private static IntegrationFlow tcpEchoClientReplyFlow(TcpNetClientConnectionFactory tcpEchoClient,
			Consumer<byte[]> echoes, TcpClientReplies replies) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpEchoClient).id("tcpEchoClientInboundAdapter"))
			.handle(byte[].class, (echo, headers) -> {
				echoes.accept(echo);
				replies.received(echo);
				return null;
			}, (e) -> e.id("tcpEchoClientPrinter"))
			.get();
	}

	/** Standard input: chunks as they are read in raw framing, otherwise one message per line. */
	private Iterator<byte[]> input() {
		if (this.framing != Framing.RAW) {
			BufferedReader lines = new BufferedReader(new InputStreamReader(this.streams.in(), StandardCharsets.UTF_8));
			return lines.lines().map((line) -> line.getBytes(StandardCharsets.UTF_8)).iterator();
		}
		byte[] buffer = new byte[(int) this.sockets.echo().bufferSize().toBytes()];
		return new Iterator<>() {

			private byte[] next = read();

			@Override
			public boolean hasNext() {
				return this.next != null;
			}

			@Override
			public byte[] next() {
				byte[] chunk = this.next;
				this.next = read();
				return chunk;
			}

			private byte[] read() {
				try {
					int read = EchoClient.this.streams.in().read(buffer);
					return (read < 0) ? null : Arrays.copyOf(buffer, read);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

		};
	}

	/** An echo of the stream: bytes as they are in raw framing, one line per message otherwise. */
	private void print(byte[] echo) {
		try {
			if (this.framing == Framing.RAW) {
				this.streams.out().write(echo);
				this.streams.out().flush();
			}
			else {
				this.streams.printLine(echo);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code raw}, {@code crlf}, {@code length-header-2}: the names the configuration takes. */
	static final class FramingNames implements ITypeConverter<Framing>, Iterable<String> {

		@Override
		public Framing convert(String value) {
			try {
				return Framing.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
			}
		}

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(Framing.values())
				.map((framing) -> framing.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.iterator();
		}

	}

}
