package io.socketflows.chat.operator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socketflows.chat.conversation.Conversations;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console operator on piped streams: what it shows, and answers typed as the tutorial's operator does.
 * The automatic operator of the test context answers {@code (auto)} besides.
 */
@ServerTest(args = "--sockets.chat.auto-reply=(auto)")
@Import(ConsoleOperatorTests.PipedConsole.class)
class ConsoleOperatorTests {

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@Autowired
	PipedConsole console;

	@Test
	void showsEachConversationAndSendsAnswersToTheOneAddressed() throws Exception {
		try (Socket alice = connect(); Socket bob = connect()) {
			alice.getOutputStream().write("Bonjour".getBytes(StandardCharsets.UTF_8));
			long aliceId = conversationShown(alice, "Bonjour");
			bob.getOutputStream().write("Salut".getBytes(StandardCharsets.UTF_8));
			long bobId = conversationShown(bob, "Salut");

			// A plain line answers the last conversation heard from (Bob); #N answers conversation N.
			this.console.type("Pour Bob");
			this.console.type("#" + aliceId + " Pour Alice");
			assertThat(readUntil(bob, "Pour Bob")).doesNotContain("Pour Alice");
			assertThat(readUntil(alice, "Pour Alice")).doesNotContain("Pour Bob");

			this.console.type("#" + bobId + " exit");
			await().atMost(Listeners.TIMEOUT).untilAsserted(() -> assertThat(this.console.shown())
				.contains("[-] end of conversation #" + bobId));
			this.console.type("#424242 anyone?");
			await().atMost(Listeners.TIMEOUT)
				.untilAsserted(() -> assertThat(this.console.shown()).contains("No open conversation #424242"));
		}
	}

	/** Waits for the console to show the message and returns the conversation number it names. */
	private long conversationShown(Socket client, String text) {
		Pattern line = Pattern.compile("\\[#(\\d+) 127\\.0\\.0\\.1:" + client.getLocalPort() + "\\] received: \\{"
				+ Pattern.quote(text) + "\\}");
		return await().atMost(Listeners.TIMEOUT).until(() -> {
			Matcher matcher = line.matcher(this.console.shown());
			return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
		}, (id) -> id != null);
	}

	private static String readUntil(Socket client, String expected) throws IOException {
		StringBuilder received = new StringBuilder();
		byte[] buffer = new byte[2048];
		while (!received.toString().contains(expected)) {
			int read = client.getInputStream().read(buffer);
			assertThat(read).as("still open, waiting for " + expected).isPositive();
			received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
		}
		return received.toString();
	}

	private Socket connect() throws IOException {
		Socket socket = Sockets.connect(Listeners.port(this.tcpChatServer));
		return socket;
	}

	/** A console whose keyboard and screen are the test's. */
	@TestConfiguration(proxyBeanMethods = false)
	static class PipedConsole {

		private final PipedOutputStream keyboard = new PipedOutputStream();

		private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

		@Bean
		ConsoleOperator pipedConsoleOperator(Conversations conversations) throws IOException {
			return new ConsoleOperator(conversations, new PipedInputStream(this.keyboard),
					new PrintStream(this.screen, true, StandardCharsets.UTF_8));
		}

		void type(String line) throws IOException {
			this.keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.keyboard.flush();
		}

		String shown() {
			synchronized (this.screen) {
				return this.screen.toString(StandardCharsets.UTF_8);
			}
		}

	}

}
