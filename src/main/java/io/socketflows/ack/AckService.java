package io.socketflows.ack;

import io.socketflows.support.LogLimiter;
import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * Logs what a client sent, as {@code tcpHandler.py} prints it, and answers with the configured reply.
 */
class AckService {

	private static final Logger logger = LoggerFactory.getLogger(AckService.class);

	private final String reply;

	private final PayloadLog payloadLog;

	/** A few lines a second, then how many were not logged: a flood must not become one of log lines. */
	private final LogLimiter log = new LogLimiter(10);

	AckService(SocketsProperties sockets, PayloadLog payloadLog) {
		this.reply = sockets.ack().reply();
		this.payloadLog = payloadLog;
	}

	String acknowledge(byte[] request, MessageHeaders headers) {
		this.log.info(logger, "{} sent: {}", headers.get(IpHeaders.IP_ADDRESS),
				this.payloadLog.describe(request, true));
		return this.reply;
	}

}
