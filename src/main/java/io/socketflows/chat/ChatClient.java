package io.socketflows.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import io.socketflows.client.ClientCommandSupport;
import io.socketflows.client.ClientEnvironment;
import io.socketflows.client.ClientInbox;
import io.socketflows.client.ClientTarget;
import io.socketflows.client.ClientTlsOptions;
import io.socketflows.client.TcpClientConnection;
import io.socketflows.support.Framing;
import io.socketflows.support.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import org.springframework.messaging.MessagingException;

/**
 * The chat client (the tutorial's multithreaded client):
 * {@code line -> tcpChatClientAdapter -> tcp:3002 -> operator -> tcpChatClientInboundAdapter -> tcpChatClientReplies
 * -> stdout}, the answers printed whenever they come.
 */
@Command(name = "chat", description = { "Talks with the chat operator: each line of standard input (typed or "
		+ "piped) is one message; the answers are printed whenever they come.",
		"exit, or the end of input, ends the conversation once the messages are answered (or --timeout passes "
				+ "without an answer); so does the operator." })
public final class ChatClient extends ClientCommandSupport {

	private static final byte[] EXIT = "exit".getBytes(StandardCharsets.UTF_8);

	/** A person may take their time to type the next line. */
	private static final Duration FOREVER = Duration.ofDays(365);

	@Mixin
	private ClientTlsOptions tls;

	ChatClient(ClientEnvironment environment) {
		super(environment);
	}

	/**
	 * The server takes each read for one message, so a line leaves once the one before has been answered (or the
	 * timeout has passed), or both would arrive as one; lines typed meanwhile wait their turn.
	 */
	@Override
	public Integer call() throws IOException, InterruptedException {
		ClientTarget target = target();
		int message = (int) sockets().chat().bufferSize().toBytes();
		ClientInbox inbox = new ClientInbox();
		TcpClientConnection connection = TcpClientConnection.open(environment(), "tcpChatClient", target,
				Framing.RAW.codec(message, message), inbox, this.tls);
		inbox.readInput(streams().in(), true, message);
		Deque<byte[]> waiting = new ArrayDeque<>();
		long sent = 0;
		long answered = 0;
		boolean awaitingAnswer = false;
		boolean ending = false;
		prompt();
		while (!(ending && waiting.isEmpty() && answered >= sent)) {
			ClientInbox.Event event = inbox.next((awaitingAnswer || ending) ? target.timeout() : FOREVER);
			if (event == null) {
				if (ending && waiting.isEmpty()) {
					throw target.timeout("answer to " + (sent - answered) + " of " + sent + " messages");
				}
				awaitingAnswer = false; // no answer in time: the next line leaves all the same
			}
			else if (event instanceof ClientInbox.Reply reply) {
				streams().printLine(reply.bytes());
				answered++;
				awaitingAnswer = false;
				prompt();
			}
			else if (event instanceof ClientInbox.Input input && !ending) {
				if (Arrays.equals(input.bytes(), EXIT)) {
					ending = true;
				}
				else if (input.bytes().length > 0) {
					waiting.add(input.bytes());
				}
				else {
					prompt();
				}
			}
			else if (event instanceof ClientInbox.EndOfInput) {
				ending = true;
			}
			else if (event instanceof ClientInbox.Closed) {
				return ended(target);
			}
			if (!awaitingAnswer && !waiting.isEmpty()) {
				try {
					connection.send(waiting.remove());
				}
				catch (MessagingException ex) {
					if (connection.isOpen()) {
						throw ex;
					}
					inbox.awaitClose(target.timeout()); // unless the connection failed,
					return ended(target); // the operator ended the conversation as the line left
				}
				sent++;
				awaitingAnswer = true;
			}
		}
		return 0;
	}

	private int ended(ClientTarget target) {
		streams().err().println("chat: " + target + " ended the conversation");
		return 0;
	}

	/** On standard error, and only for a person at a terminal: standard output carries the answers. */
	private void prompt() {
		if (streams().in() == System.in && Terminal.isPresent()) {
			streams().err().print("message (exit to end): ");
			streams().err().flush();
		}
	}

}
