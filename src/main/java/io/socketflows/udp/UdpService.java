package io.socketflows.udp;

import java.nio.charset.StandardCharsets;

import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Service;

/**
 * Logs each datagram and its sender, as {@code udpServer.py} prints them, and chooses the answer.
 */
@Service
@ConditionalOnBooleanProperty(name = "sockets.udp.enabled", matchIfMissing = true)
class UdpService {

	private static final Logger logger = LoggerFactory.getLogger(UdpService.class);

	private final SocketsProperties.UdpMode mode;

	private final byte[] reply;

	UdpService(SocketsProperties sockets) {
		this.mode = sockets.udp().mode();
		this.reply = sockets.udp().reply().getBytes(StandardCharsets.UTF_8);
	}

	byte[] answer(byte[] datagram, MessageHeaders headers) {
		logger.info("udp: {} bytes from {}: {}", datagram.length, headers.get(IpHeaders.PACKET_ADDRESS),
				new String(datagram, StandardCharsets.UTF_8));
		return (this.mode == SocketsProperties.UdpMode.ECHO) ? datagram : this.reply;
	}

}
