package io.socketflows.chat.operator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socketflows.chat.conversation.ChatEvent;
import io.socketflows.chat.conversation.ConversationNotFoundException;
import io.socketflows.chat.conversation.Conversations;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * The tutorial's operator at the terminal, made unambiguous for several clients: every line names its
 * conversation, a plain answer goes to the conversation shown in the prompt, {@code #N text} to conversation N.
 */
public final class ConsoleOperator implements ChatOperator, SmartLifecycle {

	private static final Pattern ADDRESSED = Pattern.compile("#(\\d+)\\s+(.*)");

	private final Conversations conversations;

	private final InputStream in;

	private final PrintStream out;

	/** The conversation a plain answer goes to: the last one heard from. */
	private final AtomicLong current = new AtomicLong();

	private volatile Thread reader;

	public ConsoleOperator(Conversations conversations, InputStream in, PrintStream out) {
		this.conversations = conversations;
		this.in = in;
		this.out = out;
	}

	@EventListener
	void opened(ChatEvent.Opened event) {
		this.current.compareAndSet(0, event.conversation().id());
		show("[+] new client " + event.conversation());
	}

	@EventListener
	void received(ChatEvent.Received event) {
		this.current.set(event.conversation().id());
		show("[" + event.conversation() + "] received: {" + event.text() + "}");
	}

	@EventListener
	void answered(ChatEvent.Answered event) {
		show("[" + event.conversation() + "] sent: {" + event.text() + "}");
	}

	@EventListener
	void closed(ChatEvent.Closed event) {
		this.current.compareAndSet(event.conversation().id(), 0);
		show("[-] end of conversation " + event.conversation());
	}

	private synchronized void show(String line) {
		this.out.println();
		this.out.println(line);
		prompt();
	}

	private synchronized void prompt() {
		long id = this.current.get();
		this.out.print((id == 0) ? "(no client) > " : "#" + id + " answer (exit=end, #N text for another) > ");
		this.out.flush();
	}

	void readAnswers() {
		BufferedReader lines = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.UTF_8));
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				answer(line);
			}
		}
		catch (IOException ex) {
			this.out.println("console closed: " + ex.getMessage());
		}
	}

	private void answer(String line) {
		if (line.isBlank()) {
			prompt();
			return;
		}
		Matcher addressed = ADDRESSED.matcher(line);
		long id = addressed.matches() ? Long.parseLong(addressed.group(1)) : this.current.get();
		String text = addressed.matches() ? addressed.group(2) : line;
		try {
			this.conversations.answer(id, text);
		}
		catch (ConversationNotFoundException ex) {
			show((id == 0) ? "no client to answer yet" : ex.getMessage());
		}
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::readAnswers, "chat-console");
		// Daemon: a console waiting for a line must not keep the application from stopping.
		thread.setDaemon(true);
		thread.start();
		this.reader = thread;
	}

	@Override
	public void stop() {
		Thread thread = this.reader;
		this.reader = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	/** Stdin cannot be interrupted: a pause and restart would start a second reader, so never pause. */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}

}
