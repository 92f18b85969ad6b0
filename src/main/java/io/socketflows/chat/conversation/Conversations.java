package io.socketflows.chat.conversation;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.socketflows.support.SocketAddresses;
import io.socketflows.support.SocketsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.MessageHeaders;

/**
 * The open conversations: one per chat connection, numbered from 1, answered through {@code chatReplies}.
 */
public class Conversations {

	/** The answer that ends a conversation, as in the tutorial. */
	public static final String EXIT = "exit";

	private final Map<Long, Conversation> open = new ConcurrentHashMap<>();

	private final Map<String, Conversation> byConnection = new ConcurrentHashMap<>();

	private final LongSupplier ids;

	private final int history;

	private final AbstractServerConnectionFactory tcpChatServer;

	private final MessageChannel chatReplies;

	private final ApplicationEventPublisher events;

	public Conversations(SocketsProperties sockets, AbstractServerConnectionFactory tcpChatServer,
			MessageChannel chatReplies, ApplicationEventPublisher events) {
		this(sockets, tcpChatServer, chatReplies, events, new AtomicLong()::incrementAndGet);
	}

	/** @param ids the numbers of new conversations, unique across the cluster when there is one */
	public Conversations(SocketsProperties sockets, AbstractServerConnectionFactory tcpChatServer,
			MessageChannel chatReplies, ApplicationEventPublisher events, LongSupplier ids) {
		this.ids = ids;
		this.history = sockets.chat().history();
		this.tcpChatServer = tcpChatServer;
		this.chatReplies = chatReplies;
		this.events = events;
	}

	/** @return the open conversations, oldest first */
	public List<Conversation> list() {
		return this.open.values().stream().sorted(Comparator.comparingLong(Conversation::id)).toList();
	}

	public Optional<Conversation> find(long id) {
		return Optional.ofNullable(this.open.get(id));
	}

	/** A client's message, from the inbound adapter. */
	public @Nullable Object received(byte[] payload, MessageHeaders headers) {
		Conversation conversation = this.byConnection.get(headers.get(IpHeaders.CONNECTION_ID, String.class));
		if (conversation != null) {
			// One message of a conversation at a time (see answer): the events keep the order of the wire.
			synchronized (conversation) {
				Conversation.ChatMessage message = conversation.record(Conversation.ChatMessage.From.CLIENT, payload);
				this.events.publishEvent(new ChatEvent.Received(conversation, message));
			}
		}
		// One-way: the operator answers through chatReplies, when and as often as it likes.
		return null;
	}

	/**
	 * Sends an operator's answer to one client; {@code exit} ends the conversation instead.
	 * @throws ConversationNotFoundException when the conversation is not open
	 */
	public void answer(long id, String text) {
		if (EXIT.equals(text.strip())) {
			end(id);
			return;
		}
		Conversation conversation = require(id);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		// Held from the send to the event: the client's next message, which may answer this one, is published
		// after it, not before.
		synchronized (conversation) {
			try {
				this.chatReplies.send(MessageBuilder.withPayload(bytes)
					.setHeader(IpHeaders.CONNECTION_ID, conversation.connectionId())
					.build());
			}
			catch (MessagingException ex) {
				// The client left between the lookup and the send.
				throw new ConversationNotFoundException(id);
			}
			Conversation.ChatMessage message = conversation.record(Conversation.ChatMessage.From.OPERATOR, bytes);
			this.events.publishEvent(new ChatEvent.Answered(conversation, message));
		}
	}

	/**
	 * Ends a conversation by closing its connection.
	 * @throws ConversationNotFoundException when the conversation is not open
	 */
	public void end(long id) {
		Conversation conversation = require(id);
		// The close event that follows removes the conversation.
		if (!this.tcpChatServer.closeConnection(conversation.connectionId())) {
			throw new ConversationNotFoundException(id);
		}
	}

	private Conversation require(long id) {
		return find(id).orElseThrow(() -> new ConversationNotFoundException(id));
	}

	@EventListener
	void connectionOpened(TcpConnectionOpenEvent event) {
		if (isChat(event)) {
			TcpConnection connection = (TcpConnection) event.getSource();
			Conversation conversation = new Conversation(this.ids.getAsLong(), connection.getConnectionId(),
					SocketAddresses.format(connection.getHostAddress(), connection.getPort()), this.history);
			this.byConnection.put(conversation.connectionId(), conversation);
			this.open.put(conversation.id(), conversation);
			this.events.publishEvent(new ChatEvent.Opened(conversation));
		}
	}

	@EventListener
	void connectionClosed(TcpConnectionCloseEvent event) {
		if (isChat(event)) {
			Conversation conversation = this.byConnection.remove(event.getConnectionId());
			if (conversation != null) {
				this.open.remove(conversation.id());
				this.events.publishEvent(new ChatEvent.Closed(conversation));
			}
		}
	}

	/** The chat's own connections: the events of every factory reach every listener. */
	private boolean isChat(TcpConnectionEvent event) {
		return this.tcpChatServer.getComponentName().equals(event.getConnectionFactoryName());
	}

}
