package io.socketflows.udp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketsMetrics;
import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.integration.handler.advice.AbstractRequestHandlerAdvice;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Service;

/**
 * Logs each datagram and its sender, as {@code udpServer.py} prints them, chooses the answer and counts both.
 */
@Service
@ConditionalOnBooleanProperty(name = "sockets.udp.enabled", matchIfMissing = true)
class UdpService {

	private static final Logger logger = LoggerFactory.getLogger(UdpService.class);

	/** Header: when the datagram being answered was received, epoch milliseconds. */
	static final String RECEIVED_AT = "sockets_receivedAt";

	private final SocketsProperties.UdpMode mode;

	private final byte[] reply;

	private final PayloadLog payloadLog;

	private final SocketsMetrics metrics;

	private final SocketsMetrics.ServiceMeters meters;

	UdpService(SocketsProperties sockets, PayloadLog payloadLog, SocketsMetrics metrics) {
		this.mode = sockets.udp().mode();
		this.reply = sockets.udp().reply().getBytes(StandardCharsets.UTF_8);
		this.payloadLog = payloadLog;
		this.metrics = metrics;
		this.meters = metrics.of("udp");
	}

	Message<byte[]> answer(byte[] datagram, MessageHeaders headers) {
		this.meters.received(datagram.length);
		logger.info("udp: datagram from {}:{}: {}", headers.get(IpHeaders.IP_ADDRESS), headers.get(IpHeaders.PORT),
				this.payloadLog.describe(datagram, false));
		byte[] answer = (this.mode == SocketsProperties.UdpMode.ECHO) ? datagram : this.reply;
		// A reply gets a new timestamp: keep the one of the datagram, stamped when it was received.
		return MessageBuilder.withPayload(answer)
			.copyHeaders(headers)
			.setHeader(RECEIVED_AT, headers.getTimestamp())
			.build();
	}

	/** Counts each reply sent, and its time since the datagram arrived, around the outbound adapter. */
	AbstractRequestHandlerAdvice replyMetrics() {
		return new AbstractRequestHandlerAdvice() {

			@Override
			protected Object doInvoke(ExecutionCallback callback, Object target, Message<?> message) {
				try {
					Object result = callback.execute();
					UdpService.this.meters.sent(((byte[]) message.getPayload()).length);
					Long receivedAt = message.getHeaders().get(RECEIVED_AT, Long.class);
					if (receivedAt != null) {
						UdpService.this.meters.replied(Duration.ofMillis(System.currentTimeMillis() - receivedAt));
					}
					return result;
				}
				catch (RuntimeException ex) {
					UdpService.this.metrics.error("udp", "send");
					throw ex;
				}
			}

		};
	}

}
