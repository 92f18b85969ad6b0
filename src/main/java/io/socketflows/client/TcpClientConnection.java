package io.socketflows.client;

import java.io.IOException;

import io.socketflows.support.Framing;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.support.MessageBuilder;

/**
 * A client's one TCP connection, on Spring Integration's collaborating client adapters:
 * {@code <name>Flow -> outbound adapter -> server -> inbound adapter -> <name>ReplyFlow -> inbox}; the close of the
 * connection goes to the inbox too.
 */
public final class TcpClientConnection {

	private final MessagingTemplate requests;

	private final TcpConnection connection;

	private TcpClientConnection(MessagingTemplate requests, TcpConnection connection) {
		this.requests = requests;
		this.connection = connection;
	}

	/**
	 * Registers the flows and connects, so that a failure to connect comes before any input is read.
	 * @param environment where the flows are registered
	 * @param name the connection factory's bean name, such as {@code tcpEchoClient}: it names the flows
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
		if (tls != null) {
			tls.applyTo(factory, target, environment.streams().err());
		}
		factory.setSerializer(codec.serializer());
		factory.setDeserializer(codec.deserializer());
		environment.context().addApplicationListener((ApplicationListener<TcpConnectionCloseEvent>) (event) -> {
			if (name.equals(event.getConnectionFactoryName())) {
				inbox.put(new ClientInbox.Closed());
			}
		});
		IntegrationFlow replyFlow = IntegrationFlow.from(Tcp.inboundAdapter(factory).id(name + "InboundAdapter"))
			.handle(inbox.replies(), (e) -> e.id(name + "Inbox"))
			.get();
		environment.flows().registration(replyFlow).id(name + "ReplyFlow").register();
		IntegrationFlow requestFlow = (flow) -> flow.handle(Tcp.outboundAdapter(factory), (e) -> e.id(name + "Adapter"));
		MessagingTemplate requests = environment.flows()
			.registration(requestFlow)
			.id(name + "Flow")
			.addBean(name, factory)
			.register()
			.getMessagingTemplate();
		return new TcpClientConnection(requests, factory.getConnection());
	}

	/** @param payload one message for the server */
	public void send(byte[] payload) {
		this.requests.send(MessageBuilder.withPayload(payload).build());
	}

	public boolean isOpen() {
		return this.connection.isOpen();
	}

	/** Half-closes: the server sees the end of the stream and can still answer. */
	public void shutdownOutput() throws IOException {
		this.connection.shutdownOutput();
	}

}
