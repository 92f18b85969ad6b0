package io.socketflows.udp;

import java.nio.charset.StandardCharsets;

import io.socketflows.support.LogLimiter;
import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.UdpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Logs each datagram and its sender, as {@code udpServer.py} prints them, and chooses the answer.
 */
class UdpService {

	private static final Logger logger = LoggerFactory.getLogger(UdpService.class);

	private final SocketsProperties.UdpMode mode;

	private final byte[] reply;

	private final PayloadLog payloadLog;

	/** A few lines a second, then how many were not logged: the metrics count every datagram. */
	private final LogLimiter log = new LogLimiter(10);

	UdpService(SocketsProperties sockets, PayloadLog payloadLog) {
		this.mode = sockets.udp().mode();
		this.reply = sockets.udp().reply().getBytes(StandardCharsets.UTF_8);
		this.payloadLog = payloadLog;
	}

	/**
	 * An echo is the datagram's own message: its headers route it back, and the flow's endpoint propagates none, so
	 * it costs no new message. Any other answer carries only what routes it back (see {@link UdpServer#reply}).
	 * @param request a datagram
	 * @return the message to send back
	 */
	Message<?> answer(Message<?> request) {
		byte[] datagram = (byte[]) request.getPayload();
		MessageHeaders headers = request.getHeaders();
		this.log.info(logger, "udp: datagram from {}:{}: {}", headers.get(IpHeaders.IP_ADDRESS),
				headers.get(IpHeaders.PORT), this.payloadLog.lazily(datagram));
		return (this.mode == SocketsProperties.UdpMode.ECHO) ? request : UdpServer.reply(this.reply, headers);
	}

}
