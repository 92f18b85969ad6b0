package io.socketflows.client;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import io.socketflows.client.ClientFailure.Status;
import io.socketflows.support.Framing;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;

/**
 * A client's one TCP connection, on Spring Integration's collaborating client adapters:
 * {@code send -> outbound adapter -> server -> inbound adapter -> <name>Replies -> inbox}; the close of the
 * connection goes to the inbox too, after the reason it failed if it did (a TLS alert, a reset).
 */
public final class TcpClientConnection {

	private final MessageHandler requests;

	private final TcpConnection connection;

	private final AtomicReference<ClientFailure> failure;

	private TcpClientConnection(MessageHandler requests, TcpConnection connection,
			AtomicReference<ClientFailure> failure) {
		this.requests = requests;
		this.connection = connection;
		this.failure = failure;
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
		AtomicReference<ClientFailure> failure = new AtomicReference<>();
		environment.start(factory, (event) -> {
			if (event instanceof TcpConnectionExceptionEvent exception) {
				ClientFailure failed = readFailure(exception, target);
				if (failed != null && failure.compareAndSet(null, failed)) {
					inbox.put(new ClientInbox.Failed(failed));
				}
			}
			else if (event instanceof TcpConnectionCloseEvent) {
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
		return new TcpClientConnection(requests, factory.getConnection(), failure);
	}

	/**
	 * What a failed read tells the user, published before the connection's close. Not the end of the stream, nor
	 * a send's failure (the send reports it). The client's own close at its end fails the read too: nothing
	 * reads the inbox by then.
	 * <p>
	 * A server that refuses the client's certificate under TLS 1.3 says so after the client's side of the
	 * handshake is done: its alert is the first thing the client reads, and without this the client took it for
	 * the end of the conversation.
	 * @return the failure, or null when the event is none
	 */
	private static ClientFailure readFailure(TcpConnectionExceptionEvent event, ClientTarget target) {
		Throwable cause = event.getCause();
		if (cause instanceof MessagingException) {
			return null;
		}
		Throwable root = cause;
		for (Throwable next = cause; next != null; next = next.getCause()) {
			if (next instanceof SoftEndOfStreamException) {
				return null;
			}
			root = next;
			if (next instanceof SSLException tls) {
				return new ClientFailure(Status.FAILED,
						"TLS handshake with " + target + " failed: " + message(tls));
			}
		}
		return new ClientFailure(Status.FAILED, "connection to " + target + " failed: " + message(root));
	}

	private static String message(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * @param payload one message for the server
	 * @throws ClientFailure if the connection failed before it could be sent
	 */
	public void send(byte[] payload) {
		try {
			this.requests.handleMessage(MessageBuilder.withPayload(payload).build());
		}
		catch (MessagingException ex) {
			// The reason the connection failed, recorded before it closed, says more than "socket closed".
			ClientFailure failed = this.failure.get();
			throw (failed != null) ? failed : ex;
		}
	}

	public boolean isOpen() {
		return this.connection.isOpen();
	}

	/** Half-closes: the server sees the end of the stream and can still answer. */
	public void shutdownOutput() throws IOException {
		this.connection.shutdownOutput();
	}

}
