package io.socketflows.echo;

import org.springframework.messaging.Message;

/**
 * The echo server's logic: what came in goes back, on the connection it came from. The place to change what the
 * echo server answers.
 */
class EchoService {

	/**
	 * Returns the request itself: its headers ({@code ip_connectionId} first) route the echo back, and the flow's
	 * endpoint propagates none, so an echo costs no new message and no header copy.
	 * @param request a read (raw framing) or a frame
	 * @return the message to write back
	 */
	Message<?> echo(Message<?> request) {
		return request;
	}

}
