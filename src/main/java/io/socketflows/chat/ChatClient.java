package io.socketflows.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

import io.socketflows.client.ClientOptions;
import io.socketflows.client.ClientStreams;
import io.socketflows.client.ClientTarget;
import io.socketflows.client.FallbackTcpNetClientConnectionFactory;
import io.socketflows.client.TcpClientReplies;
import io.socketflows.support.SingleReadDeserializer;
import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessagingException;

/**
 * The chat client (the tutorial's multithreaded client):
 * {@code line -> tcpChatClientFlow -> tcp:3002 -> operator -> tcpChatClientReplyFlow -> stdout}, the answers
 * printed whenever they come.
 */
@Command(name = "chat", description = { "Talks with the chat operator: each line of standard input (typed or "
		+ "piped) is one message; the answers are printed whenever they come.",
		"exit, or the end of input, ends the conversation once the messages are answered (or --timeout passes "
				+ "without an answer); so does the operator." })
public final class ChatClient implements Callable<Integer> {

	private static final String EXIT = "exit";

	@Mixin
	private ClientOptions options;

	private final SocketsProperties sockets;

	private final IntegrationFlowContext flows;

	private final ConfigurableApplicationContext context;

	private final ClientStreams streams;

	ChatClient(SocketsProperties sockets, IntegrationFlowContext flows, ConfigurableApplicationContext context,
			ClientStreams streams) {
		this.sockets = sockets;
		this.flows = flows;
		this.context = context;
		this.streams = streams;
	}

	@Override
	public Integer call() throws Exception {
		ClientTarget target = this.options.target(this.sockets.client());
		TcpClientReplies replies = new TcpClientReplies("tcpChatClient");
		this.context.addApplicationListener(replies);
		TcpNetClientConnectionFactory tcpChatClient = tcpChatClient(target);
		this.flows.registration(tcpChatClientReplyFlow(tcpChatClient, replies))
			.id("tcpChatClientReplyFlow")
			.register();
		MessagingTemplate messages = this.flows.registration(tcpChatClientFlow(tcpChatClient))
			.id("tcpChatClientFlow")
			.addBean("tcpChatClient", tcpChatClient)
			.register()
			.getMessagingTemplate();
		TcpConnection connection = tcpChatClient.getConnection();
		BlockingQueue<Optional<String>> lines = readLines();
		// The operator may end the conversation while the client waits for a line.
		replies.onClose(() -> lines.add(Optional.empty()));
		long sent = 0;
		prompt();
		for (Optional<String> line = lines.take(); line.isPresent() && !EXIT.equals(line.get())
				&& !replies.isClosed(); line = lines.take()) {
			if (!line.get().isEmpty()) {
				long answered = replies.messages();
				try {
					messages.send(MessageBuilder.withPayload(line.get().getBytes(StandardCharsets.UTF_8)).build());
				}
				catch (MessagingException ex) {
					if (connection.isOpen()) {
						throw ex;
					}
					break; // the operator ended the conversation as the line left
				}
				sent++;
				// The server takes each read for one message: the next line waits for an answer (or the
				// timeout), or both would arrive as one.
				replies.await((r) -> r.messages() > answered, target.timeout());
			}
			prompt();
		}
		long messagesSent = sent;
		if (!replies.await((r) -> r.messages() >= messagesSent, target.timeout()) && connection.isOpen()) {
			throw target.timeout("answer to " + (messagesSent - replies.messages()) + " of " + messagesSent
					+ " messages");
		}
		if (!connection.isOpen()) {
			this.streams.err().println("chat: " + target + " ended the conversation");
		}
		return 0;
	}

	/** Each read is one answer, as the server reads each message (the tutorial's recv(2048)). */
	private TcpNetClientConnectionFactory tcpChatClient(ClientTarget target) {
		TcpNetClientConnectionFactory tcpChatClient = new FallbackTcpNetClientConnectionFactory(target);
		tcpChatClient.setSerializer(TcpCodecs.raw());
		tcpChatClient.setDeserializer(new SingleReadDeserializer((int) this.sockets.chat().bufferSize().toBytes()));
		return tcpChatClient;
	}

	private static IntegrationFlow tcpChatClientFlow(TcpNetClientConnectionFactory tcpChatClient) {
		return (flow) -> flow.handle(Tcp.outboundAdapter(tcpChatClient), (e) -> e.id("tcpChatClientAdapter"));
	}

	private IntegrationFlow tcpChatClientReplyFlow(TcpNetClientConnectionFactory tcpChatClient,
			TcpClientReplies replies) {
		return IntegrationFlow.from(Tcp.inboundAdapter(tcpChatClient).id("tcpChatClientInboundAdapter"))
			.handle(byte[].class, (answer, headers) -> {
				print(answer);
				replies.received(answer);
				return null;
			}, (e) -> e.id("tcpChatClientPrinter"))
			.get();
	}

	/**
	 * Standard input, read on a thread of its own: a blocked read must not keep the client from noticing that the
	 * operator ended the conversation. An empty element is the end of input.
	 */
	private BlockingQueue<Optional<String>> readLines() {
		BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			// Not closed: standard input belongs to the process.
			BufferedReader in = new BufferedReader(new InputStreamReader(this.streams.in(), StandardCharsets.UTF_8));
			try {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					lines.add(Optional.of(line));
				}
			}
			catch (IOException ex) {
				// The end of input, as far as this conversation goes.
			}
			finally {
				lines.add(Optional.empty());
			}
		}, "chat-stdin");
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

	/** On standard error, and only for a person at a terminal: standard output carries the answers. */
	private void prompt() {
		if (this.streams.in() == System.in && ChatOperatorConfiguration.hasTerminal()) {
			this.streams.err().print("message (exit to end): ");
			this.streams.err().flush();
		}
	}

	private void print(byte[] answer) {
		try {
			this.streams.printLine(answer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
