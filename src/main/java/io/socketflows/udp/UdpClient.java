package io.socketflows.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.socketflows.client.ClientCommandSupport;
import io.socketflows.client.ClientEnvironment;
import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientInbox;
import io.socketflows.client.ClientTarget;
import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;
import org.springframework.integration.ip.udp.outbound.UnicastSendingMessageHandler;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;

/**
 * The UDP client ({@code udpClient.py}):
 * {@code MESSAGE -> udpClientAdapter -> udp:3000 -> udpClientReceiver -> udpClientReplies -> stdout}, on one
 * socket.
 * <p>
 * Spring Integration has no UDP outbound gateway, so an outbound adapter sends the datagram through the socket
 * of an inbound adapter: the answer, sent back to where the datagram came from, arrives on that socket, as
 * {@code sendto} then {@code recvfrom} on one socket in the tutorial.
 */
@Command(name = "udp", description = "Sends MESSAGE in one datagram to the udp service and prints the answer "
		+ "(udpClient.py).")
public final class UdpClient extends ClientCommandSupport {

	@Parameters(arity = "0..1", paramLabel = "MESSAGE", defaultValue = "Hello UDP Server",
			description = "What to send (default: '${DEFAULT-VALUE}').")
	private String message;

	UdpClient(ClientEnvironment environment) {
		super(environment);
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		ClientTarget target = target();
		ClientInbox inbox = new ClientInbox();
		DirectChannel replies = new DirectChannel();
		replies.setBeanName("udpClientReplies");
		environment().start(replies).subscribe(inbox.replies());
		UnicastReceivingChannelAdapter udpClientReceiver = udpClientReceiver();
		udpClientReceiver.setOutputChannel(replies);
		environment().start(udpClientReceiver);
		InetSocketAddress server = send(target, environment().start(udpClientAdapter(udpClientReceiver)));
		if (!(inbox.next(target.timeout()) instanceof ClientInbox.Reply answer)) {
			throw target.noUdpAnswer(server);
		}
		streams().printLine(answer.bytes());
		return 0;
	}

	/** On a free port of every local address; the socket is open before the datagram leaves. */
	private static UnicastReceivingChannelAdapter udpClientReceiver() {
		UnicastReceivingChannelAdapter udpClientReceiver = new UnicastReceivingChannelAdapter(0);
		udpClientReceiver.setReceiveBufferSize(SocketsProperties.Udp.MAX_DATAGRAM_SIZE);
		udpClientReceiver.setLookupHost(false);
		udpClientReceiver.getSocket();
		return udpClientReceiver;
	}

	/** To the address in {@code ip_packetAddress}, as the server's replies, through the receiver's socket. */
	private static MessageHandler udpClientAdapter(UnicastReceivingChannelAdapter udpClientReceiver) {
		UnicastSendingMessageHandler udpClientAdapter = Udp
			.outboundAdapter((request) -> request.getHeaders().get(IpHeaders.PACKET_ADDRESS))
			.socketFunction((request) -> udpClientReceiver.getSocket())
			.getObject();
		udpClientAdapter.setBeanName("udpClientAdapter");
		return udpClientAdapter;
	}

	/**
	 * Datagrams have no connection to try: as with a datagram socket from {@code getaddrinfo}, the first address
	 * the datagram can be sent to is the one; the next ones only when sending fails (no route, no IPv6).
	 * @return the address the datagram went to
	 */
	private InetSocketAddress send(ClientTarget target, MessageHandler udpClientAdapter) {
		byte[] datagram = this.message.getBytes(StandardCharsets.UTF_8);
		MessagingException last = null;
		for (InetSocketAddress server : target.socketAddresses()) {
			try {
				udpClientAdapter.handleMessage(MessageBuilder.withPayload(datagram).setHeader(IpHeaders.PACKET_ADDRESS, server).build());
				return server;
			}
			catch (MessagingException ex) {
				last = ex;
			}
		}
		throw new ClientFailure(ClientFailure.Status.FAILED, "could not send to udp " + target + ": "
				+ NestedExceptionUtils.getMostSpecificCause(last).getMessage());
	}

}
