package io.socketflows.transport.netty;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import io.socketflows.support.LogLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;

/**
 * Sends each message's payload as one datagram to its {@link IpHeaders#PACKET_ADDRESS}, from the socket of a
 * {@link NettyUdpInboundChannelAdapter} the request arrived on, so the reply comes from the port the peer
 * sent to.
 * <p>
 * A failure to send throws a {@link MessagingException}, as Spring Integration's UDP adapter does, so the
 * caller counts it; so does an empty payload, which Netty would count as sent without sending anything. On the
 * event loop (the flow of the adapter) a send is queued, never waited for: in a read burst it waits for the burst's
 * flush without a promise of its own, and a failure then reaches the adapter's {@code socketFailed}; otherwise it
 * is flushed at once, and if it fails later, that is logged here and told to {@link #failedLater}.
 */
class NettyUdpOutboundHandler extends AbstractMessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(NettyUdpOutboundHandler.class);

	/** How long a caller off the event loop waits for its datagram to be sent. */
	private static final long SEND_TIMEOUT_SECONDS = 10;

	private final LogLimiter warnings = new LogLimiter(5);

	private final NettyUdpInboundChannelAdapter adapter;

	/** @param adapter the adapter whose sockets replies leave from */
	NettyUdpOutboundHandler(NettyUdpInboundChannelAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public String getComponentType() {
		return "netty:udp-outbound-channel-adapter";
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		InetSocketAddress destination = destination(message);
		Channel channel = channel(message, destination);
		if (!channel.isWritable()) {
			// The kernel takes no more for now: the reply is dropped and counted, not queued without a bound.
			throw new MessageDeliveryException(message, "UDP socket " + channel.localAddress()
					+ " cannot send for now (its queue is full): datagram to " + destination + " dropped");
		}
		DatagramPacket datagram = new DatagramPacket(Unpooled.wrappedBuffer(payload(message)), destination);
		// In a read burst on the socket's own loop the burst's end flushes it, with the other replies of the burst.
		boolean inBurst = channel.eventLoop().inEventLoop()
				&& Boolean.TRUE.equals(channel.attr(NettyUdpInboundChannelAdapter.READ_BURST).get());
		if (inBurst) {
			// No promise and no listener per reply: a failure reaches the adapter's socketFailed.
			channel.write(datagram, channel.voidPromise());
			return;
		}
		ChannelFuture sent = channel.writeAndFlush(datagram);
		if (!sent.isDone() && !channel.eventLoop().inEventLoop()) {
			sent.awaitUninterruptibly(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		if (sent.isDone()) {
			if (!sent.isSuccess()) {
				throw new MessagingException(message, "Failed to send UDP datagram to " + destination + " from "
						+ channel.localAddress(), sent.cause());
			}
		}
		else if (channel.eventLoop().inEventLoop()) {
			sent.addListener((future) -> {
				if (!future.isSuccess()) {
					failedLater(message, future.cause());
					this.warnings.warn(logger, "udp: datagram to {} not sent: {}", destination,
							String.valueOf(future.cause()));
				}
			});
		}
		else {
			throw new MessagingException(message, "UDP datagram to " + destination + " not sent within "
					+ SEND_TIMEOUT_SECONDS + " s");
		}
	}

	/**
	 * A datagram queued on the event loop (written in a read burst, or while the socket could not take it) failed
	 * once the loop sent it: the caller had its send counted already.
	 * @param message the reply
	 * @param cause why it was not sent
	 */
	protected void failedLater(Message<?> message, Throwable cause) {
	}

	private static InetSocketAddress destination(Message<?> message) {
		if (message.getHeaders().get(IpHeaders.PACKET_ADDRESS) instanceof InetSocketAddress address) {
			return address;
		}
		throw new MessageDeliveryException(message, "No " + IpHeaders.PACKET_ADDRESS + " header: nowhere to send");
	}

	/**
	 * The socket the request came in on; a closed one (the adapter stopped, perhaps restarted since) drops the
	 * reply rather than send it from another port.
	 */
	private Channel channel(Message<?> message, InetSocketAddress destination) {
		Object header = message.getHeaders().get(NettyUdpInboundChannelAdapter.RECEIVING_CHANNEL);
		Channel channel = (header instanceof Channel received) ? received : this.adapter.anyChannel().orElse(null);
		if (channel == null || !channel.isActive()) {
			throw new MessageDeliveryException(message, "UDP socket closed (adapter stopped): datagram to "
					+ destination + " dropped");
		}
		return channel;
	}

	private static byte[] payload(Message<?> message) {
		Object payload = message.getPayload();
		byte[] bytes;
		if (payload instanceof byte[] array) {
			bytes = array;
		}
		else if (payload instanceof String text) {
			bytes = text.getBytes(StandardCharsets.UTF_8);
		}
		else {
			throw new MessageDeliveryException(message, "A UDP datagram is a byte[] or String payload, not "
					+ payload.getClass().getName());
		}
		if (bytes.length == 0) {
			// Netty's datagram channels count an empty datagram as written and send nothing: say so instead.
			throw new MessageDeliveryException(message, "An empty UDP datagram cannot be sent on Netty: dropped");
		}
		return bytes;
	}

}
