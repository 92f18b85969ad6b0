package io.socketflows.ack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientOptions;
import io.socketflows.client.ClientStreams;
import io.socketflows.client.ClientTarget;
import io.socketflows.client.FallbackTcpNetClientConnectionFactory;
import io.socketflows.support.SocketsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.tcp.outbound.TcpOutboundGateway;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * The ACK client ({@code tcpHandlerClient.py}):
 * {@code MESSAGE -> tcpAckClientFlow -> tcp:3001 -> "ACK from TCP Server" -> stdout}.
 */
@Command(name = "ack", description = "Sends MESSAGE to the ack service and prints its answer (tcpHandlerClient.py).")
public final class AckClient implements Callable<Integer> {

	@Mixin
	private ClientOptions options;

	@Parameters(arity = "0..1", paramLabel = "MESSAGE", defaultValue = " Hello wild world... best regards ..!",
			description = "What to send (default: '${DEFAULT-VALUE}').")
	private String message;

	private final SocketsProperties sockets;

	private final IntegrationFlowContext flows;

	private final ClientStreams streams;

	AckClient(SocketsProperties sockets, IntegrationFlowContext flows, ClientStreams streams) {
		this.sockets = sockets;
		this.flows = flows;
		this.streams = streams;
	}

	@Override
	public Integer call() throws Exception {
		ClientTarget target = this.options.target(this.sockets.client());
		TcpNetClientConnectionFactory tcpAckClient = tcpAckClient(target);
		IntegrationFlowRegistration tcpAckClientFlow = this.flows.registration(tcpAckClientFlow(tcpAckClient, target))
			.id("tcpAckClientFlow")
			.addBean("tcpAckClient", tcpAckClient)
			.register();
		Message<?> reply;
		try {
			reply = tcpAckClientFlow.getMessagingTemplate()
				.sendAndReceive(MessageBuilder.withPayload(this.message.getBytes(StandardCharsets.UTF_8)).build());
		}
		catch (MessageTimeoutException ex) {
			throw target.timeout("answer");
		}
		if (reply == null) {
			throw target.timeout("answer");
		}
		this.streams.printLine((byte[]) reply.getPayload());
		return 0;
	}

	/** One connection per request, as the server's. */
	private static TcpNetClientConnectionFactory tcpAckClient(ClientTarget target) {
		TcpNetClientConnectionFactory tcpAckClient = new FallbackTcpNetClientConnectionFactory(target);
		tcpAckClient.setSingleUse(true);
		tcpAckClient.setSerializer(TcpCodecs.raw());
		tcpAckClient.setDeserializer(new AnswerDeserializer(target));
		return tcpAckClient;
	}

	private static IntegrationFlow tcpAckClientFlow(TcpNetClientConnectionFactory tcpAckClient, ClientTarget target) {
		TcpOutboundGateway tcpAckClientGateway = new TcpOutboundGateway();
		tcpAckClientGateway.setConnectionFactory(tcpAckClient);
		tcpAckClientGateway.setRemoteTimeout(target.timeout().toMillis());
		// A blocking connection hands over the answer before the close that follows it: there is no late answer
		// to give a second chance to (NIO's race).
		tcpAckClientGateway.setSecondChanceDelay(0);
		return (flow) -> flow.handle(tcpAckClientGateway, (endpoint) -> endpoint.id("tcpAckClientGateway"));
	}

	/**
	 * The server answers, then closes: the answer is every byte until the close, however the network cuts it. A
	 * close with nothing before it is no answer, reported to the waiting gateway (Spring Integration's raw
	 * deserializer would end quietly and leave it waiting for the timeout).
	 */
	private static final class AnswerDeserializer implements Deserializer<byte[]> {

		private static final int MAX_ANSWER = 64 * 1024;

		private final ClientTarget target;

		AnswerDeserializer(ClientTarget target) {
			this.target = target;
		}

		@Override
		public byte[] deserialize(InputStream in) throws IOException {
			byte[] answer = in.readNBytes(MAX_ANSWER);
			if (answer.length == 0) {
				throw new ClientFailure(ClientFailure.Status.FAILED,
						this.target + " closed the connection without an answer");
			}
			return answer;
		}

	}

}
