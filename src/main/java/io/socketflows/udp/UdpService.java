package io.socketflows.udp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.socketflows.support.LogLimiter;
import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

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
	 * The answer keeps the datagram's headers (the sender's address, the socket it came in on) in one copy: the
	 * flow's endpoint propagates none of its own, which per datagram would copy them three times more.
	 */
	Message<byte[]> answer(byte[] datagram, MessageHeaders headers) {
		if (this.log.allow(logger::info)) {
			logger.info("udp: datagram from {}:{}: {}", headers.get(IpHeaders.IP_ADDRESS), headers.get(IpHeaders.PORT),
					this.payloadLog.describe(datagram, false));
		}
		byte[] answer = (this.mode == SocketsProperties.UdpMode.ECHO) ? datagram : this.reply;
		// As a map, copied: the reply gets an id and a timestamp of its own (a MessageHeaders would be shared).
		return new GenericMessage<>(answer, (Map<String, Object>) headers);
	}

}
