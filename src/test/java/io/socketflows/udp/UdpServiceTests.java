package io.socketflows.udp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.socketflows.support.PayloadLog;
import io.socketflows.support.SocketsProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer to a datagram: the tutorial's text, addressed as the datagram was, in a message of its own; in echo
 * mode the datagram's own message.
 */
class UdpServiceTests {

	private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);

	private final Message<byte[]> request = new GenericMessage<>("Hello UDP Server".getBytes(StandardCharsets.UTF_8),
			Map.of(IpHeaders.PACKET_ADDRESS, this.sender, IpHeaders.IP_ADDRESS, "127.0.0.1", IpHeaders.PORT, 40000));

	@Test
	void answersWithTheTutorialsTextAddressedAsTheDatagramWas() {
		Message<?> answer = service().answer(this.request);

		assertThat(new String((byte[]) answer.getPayload(), StandardCharsets.UTF_8)).isEqualTo("Hello cher client UDP");
		assertThat(answer.getHeaders().get(IpHeaders.PACKET_ADDRESS)).isEqualTo(this.sender);
		assertThat(answer.getHeaders()).as("only what routes it back").doesNotContainKey(IpHeaders.IP_ADDRESS);
		assertThat(answer.getHeaders().getId()).as("the reply's own id")
			.isNotNull()
			.isNotEqualTo(this.request.getHeaders().getId());
	}

	@Test
	void echoesWithTheDatagramsOwnMessage() {
		Message<?> answer = service("sockets.udp.mode", "echo").answer(this.request);

		assertThat(answer).isSameAs(this.request);
	}

	private static UdpService service(String... property) {
		Map<String, String> properties = (property.length == 0) ? Map.of() : Map.of(property[0], property[1]);
		SocketsProperties sockets = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("sockets",
				SocketsProperties.class);
		return new UdpService(sockets, new PayloadLog(sockets));
	}

}
