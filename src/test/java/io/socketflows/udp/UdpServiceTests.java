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
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer to a datagram: the tutorial's text, addressed as the datagram was, and a message of its own.
 */
class UdpServiceTests {

	@Test
	void answersWithTheDatagramsAddressInAMessageOfItsOwn() {
		SocketsProperties sockets = new Binder(new MapConfigurationPropertySource()).bindOrCreate("sockets",
				SocketsProperties.class);
		UdpService service = new UdpService(sockets, new PayloadLog(sockets));
		InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);
		MessageHeaders request = new MessageHeaders(Map.of(IpHeaders.PACKET_ADDRESS, sender,
				IpHeaders.IP_ADDRESS, "127.0.0.1", IpHeaders.PORT, 40000));

		Message<byte[]> answer = service.answer("Hello UDP Server".getBytes(StandardCharsets.UTF_8), request);

		assertThat(new String(answer.getPayload(), StandardCharsets.UTF_8)).isEqualTo("Hello cher client UDP");
		assertThat(answer.getHeaders().get(IpHeaders.PACKET_ADDRESS)).isEqualTo(sender);
		assertThat(answer.getHeaders().getId()).as("the reply's own id").isNotNull().isNotEqualTo(request.getId());
	}

}
