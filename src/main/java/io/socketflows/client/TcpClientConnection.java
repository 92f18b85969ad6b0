package io.socketflows.client;

import java.io.IOException;

import io.socketflows.support.Framing;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHandler;

/**
 * A client's one TCP connection, on Spring Integration's collaborating client adapters:
 * {@code send -> outbound adapter -> server -> inbound adapter -> <name>Replies -> inbox}; the close of the
 * connection goes to the inbox too.
 */
public final class TcpClientConnection {

	private final MessageHandler requests;

	private final TcpConnection connection;

	private TcpClientConnection(MessageHandler requests, TcpConnection connection) {
		this.requests = requests;
		this.connection = connection;
	}

	/**
	 * Starts the adapters and connects, so that a failure to connect comes before any input is read.
	 * @param environment where the adapters are started, and stopped when the client is done
	 * @param name the connection factory's name, such as {@code tcpEchoClient}: it names the adapters
	 * @param target where to connect
	 * @param codec how requests are written and replies cut
	 * @param inbox where replies and the close go
	 * @return the open connection
	 */
	public static TcpClientConnection open(ClientEnvironment environment, String name, ClientTarget target,
			Framing.Codec codec, ClientInbox inbox) throws InterruptedException {
		return open(environment, name, target, codec, inbox, null);
	}

	/**
	 * As {@link #open(ClientEnvironment, String, ClientTarget, Framing.Codec, ClientInbox)}, in TLS if asked.
	 * @param tls the command's TLS options, or null for plain TCP
	 */
	public static TcpClientConnection open(ClientEnvironment environment, String name, ClientTarget target,
			Framing.Codec codec, ClientInbox inbox, ClientTlsOptions tls) throws InterruptedException {
		TcpNetClientConnectionFactory factory = new FallbackTcpNetClientConnectionFactory(target);
		factory.setBeanName(name);
		if (tls != null) {
			tls.applyTo(factory, target, environment.settings(), environment.streams().err());
		}
		factory.setSerializer(codec.serializer());
		factory.setDeserializer(codec.deserializer());
		environment.start(factory, (event) -> {
			if (event instanceof TcpConnectionCloseEvent) {
				inbox.put(new ClientInbox.Closed());
			}
		});
		DirectChannel replies = new DirectChannel();
		replies.setBeanName(name + "Replies");
		environment.start(replies).subscribe(inbox.replies());
		environment.start(Tcp.inboundAdapter(factory).id(name + "InboundAdapter").outputChannel(replies).getObject());
		TcpSendingMessageHandler requests = Tcp.outboundAdapter(factory).getObject();
		requests.setBeanName(name + "Adapter");
		environment.start(requests);
		return new TcpClientConnection(requests, factory.getConnection());
	}

	/** @param payload one message for the server */
	public void send(byte[] payload) {
		this.requests.handleMessage(MessageBuilder.withPayload(payload).build());
	}

	public boolean isOpen() {
		return this.connection.isOpen();
	}

	/** Half-closes: the server sees the end of the stream and can still answer. */
	public void shutdownOutput() throws IOException {
		this.connection.shutdownOutput();
	}

}
