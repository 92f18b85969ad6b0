package io.socketflows.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The headers a Netty connection's messages share read as Spring's own would: every entry, an id each. */
class UncopiedMessageHeadersTests {

	private final Map<String, Object> connection = Map.of(IpHeaders.CONNECTION_ID, "127.0.0.1:4242:3000:abc",
			IpHeaders.IP_ADDRESS, "127.0.0.1", IpHeaders.REMOTE_PORT, 4242, IpHeaders.LOCAL_ADDRESS,
			InetAddress.getLoopbackAddress());

	@Test
	void readsAsTheMapSpringWouldHaveCopied() {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.connection);
		Map<String, Object> expected = new HashMap<>(this.connection);
		expected.put(MessageHeaders.ID, headers.getId());
		expected.put(MessageHeaders.TIMESTAMP, headers.getTimestamp());

		assertThat(headers.getId()).isNotNull().isNotEqualTo(MessageHeaders.ID_VALUE_NONE);
		assertThat(headers.getTimestamp()).isPositive();
		assertThat(headers).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(6);
		assertThat(expected).isEqualTo(headers);
		assertThat(headers.get(MessageHeaders.ID, UUID.class)).isEqualTo(headers.getId());
		assertThat(headers.get(IpHeaders.REMOTE_PORT, Integer.class)).isEqualTo(4242);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> headers.get(IpHeaders.REMOTE_PORT, String.class));
		assertThat(headers.keySet()).isEqualTo(expected.keySet());
		assertThat(headers.values()).containsExactlyInAnyOrderElementsOf(expected.values());
		assertThat(headers.containsValue(headers.getId())).isTrue();
		assertThat(headers.containsValue(4242)).isTrue();
		assertThat(headers.containsKey(MessageHeaders.TIMESTAMP)).isTrue();
		Map<String, Object> visited = new HashMap<>();
		headers.forEach(visited::put);
		assertThat(visited).isEqualTo(expected);
		assertThat(headers.toString()).isEqualTo(expected.toString());
	}

	@Test
	void answersNullAndAbsenceAsAHashMapDoes() {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.connection);
		assertThat(headers.get(null)).isNull();
		assertThat(headers.get("absent")).isNull();
		assertThat(headers.containsKey(null)).isFalse();
		assertThat(headers.containsValue(null)).isFalse();
		assertThat(headers.getReplyChannel()).isNull();
		assertThat(headers.isEmpty()).isFalse();
	}

	@Test
	void isImmutableAndEachInstanceHasItsOwnId() {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.connection);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.put("x", 1));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> headers.remove(IpHeaders.IP_ADDRESS));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> headers.entrySet().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.keySet().clear());
		assertThat(new UncopiedMessageHeaders(this.connection).getId()).isNotEqualTo(headers.getId());
	}

	/** A reply built from the request (as a handler that copies the request's headers does) gets all of them. */
	@Test
	void copiesIntoSpringsBuildersWithEveryEntry() {
		Message<byte[]> request = new GenericMessage<>(new byte[] { 1 }, new UncopiedMessageHeaders(this.connection));
		Message<String> reply = MessageBuilder.withPayload("ACK").copyHeaders(request.getHeaders()).build();
		assertThat(reply.getHeaders()).containsAllEntriesOf(this.connection);
		Message<byte[]> copy = MessageBuilder.fromMessage(request).build();
		assertThat(copy.getHeaders()).containsAllEntriesOf(this.connection).containsKey(MessageHeaders.ID);
	}

	@Test
	void survivesJavaSerialization() throws IOException, ClassNotFoundException {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.connection);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new GenericMessage<>("payload", headers));
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			Message<?> read = (Message<?>) in.readObject();
			assertThat(read.getHeaders()).isEqualTo(headers);
			assertThat(read.getHeaders().getId()).isEqualTo(headers.getId());
		}
	}

}
