package io.socketflows.ack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.socketflows.client.ClientCommandSupport;
import io.socketflows.client.ClientEnvironment;
import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientInbox;
import io.socketflows.client.ClientTarget;
import io.socketflows.client.ClientTlsOptions;
import io.socketflows.client.TcpClientConnection;
import io.socketflows.support.Framing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The ACK client ({@code tcpHandlerClient.py}):
 * {@code MESSAGE -> tcpAckClientAdapter -> tcp:3001 -> tcpAckClientInboundAdapter -> tcpAckClientReplies -> stdout}:
 * the answer is every byte until the server closes.
 */
@Command(name = "ack", description = "Sends MESSAGE to the ack service and prints its answer (tcpHandlerClient.py).")
public final class AckClient extends ClientCommandSupport {

	/** More than any answer the tutorial's server gives: an endless one stops there. */
	private static final int MAX_ANSWER = 64 * 1024;

	@Parameters(arity = "0..1", paramLabel = "MESSAGE", defaultValue = " Hello wild world... best regards ..!",
			description = "What to send (default: '${DEFAULT-VALUE}').")
	private String message;

	@Mixin
	private ClientTlsOptions tls;

	AckClient(ClientEnvironment environment) {
		super(environment);
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		ClientTarget target = target();
		ClientInbox inbox = new ClientInbox();
		TcpClientConnection connection = TcpClientConnection.open(environment(), "tcpAckClient", target,
				new Framing.Codec(TcpCodecs.raw(), new UntilClose()), inbox, this.tls);
		connection.send(this.message.getBytes(StandardCharsets.UTF_8));
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		for (ClientInbox.Event event = inbox.next(target.timeout()); !(event instanceof ClientInbox.Closed);
				event = inbox.next(target.timeout())) {
			if (event == null) {
				throw target.timeout("answer");
			}
			if (event instanceof ClientInbox.Reply reply) {
				answer.writeBytes(reply.bytes());
			}
		}
		if (answer.size() == 0) {
			throw new ClientFailure(ClientFailure.Status.FAILED, target + " closed the connection without an answer");
		}
		streams().printLine(answer.toByteArray());
		return 0;
	}

	/**
	 * The server answers, then closes: the answer is every byte until the close, however the network cuts it (up
	 * to {@link #MAX_ANSWER}).
	 */
	private static final class UntilClose implements Deserializer<byte[]> {

		@Override
		public byte[] deserialize(InputStream in) throws IOException {
			byte[] answer = in.readNBytes(MAX_ANSWER);
			if (answer.length == 0) {
				throw new SoftEndOfStreamException("closed");
			}
			return answer;
		}

	}

}
