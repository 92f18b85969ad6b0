package io.socketflows.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.support.MutableMessageHeaders;
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

	private final UncopiedMessageHeaders.Shared shared = UncopiedMessageHeaders.Shared.of(this.connection);

	@Test
	void readsAsTheMapSpringWouldHaveCopied() {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.shared);
		Map<String, Object> expected = new HashMap<>(this.connection);
		expected.put(MessageHeaders.ID, headers.getId());
		expected.put(MessageHeaders.TIMESTAMP, headers.getTimestamp());

		assertThat(headers.getId()).isNotNull().isNotEqualTo(MessageHeaders.ID_VALUE_NONE);
		assertThat(headers.getTimestamp()).isPositive();
		assertThat(headers).containsExactlyInAnyOrderEntriesOf(expected).hasSameHashCodeAs(expected).hasSize(6);
		assertThat(expected).as("a map with the same entries").isEqualTo(headers);
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
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.shared);
		assertThat(headers.get(null)).isNull();
		assertThat(headers.get("absent")).isNull();
		assertThat(headers.containsKey(null)).isFalse();
		assertThat(headers.containsValue(null)).isFalse();
		assertThat(headers.getReplyChannel()).isNull();
		assertThat(headers.isEmpty()).isFalse();
	}

	@Test
	void isImmutableAndEachInstanceHasItsOwnId() {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.shared);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.put("x", 1));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> headers.remove(IpHeaders.IP_ADDRESS));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> headers.entrySet().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.keySet().clear());
		assertThat(new UncopiedMessageHeaders(this.shared).getId()).isNotEqualTo(headers.getId());
	}

	/** A reply built from the request (as a handler that copies the request's headers does) gets all of them. */
	@Test
	void copiesIntoSpringsBuildersWithEveryEntry() {
		Message<byte[]> request = new GenericMessage<>(new byte[] { 1 }, new UncopiedMessageHeaders(this.shared));
		Message<String> reply = MessageBuilder.withPayload("ACK").copyHeaders(request.getHeaders()).build();
		assertThat(reply.getHeaders()).containsAllEntriesOf(this.connection).hasSize(this.connection.size() + 2);
		assertThat(reply.getHeaders().getId()).isNotEqualTo(request.getHeaders().getId());
		Message<byte[]> copy = MessageBuilder.fromMessage(request).setHeader("extra", 1).build();
		assertThat(copy).isNotSameAs(request);
		assertThat(copy.getHeaders()).containsAllEntriesOf(this.connection)
			.containsEntry("extra", 1)
			.hasSize(this.connection.size() + 3);
	}

	/** Equal as MessageHeaders are: to their own kind alone, both ways, and so in collections too. */
	@Test
	void equalOnlyTheirOwnKindWithTheSameEntriesBothWays() {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.shared);
		MessageHeaders copy = new MutableMessageHeaders(headers);
		assertThat(copy).as("the same entries, id and timestamp included")
			.containsExactlyInAnyOrderEntriesOf(new HashMap<>(headers));
		assertThat(headers.equals(copy)).isFalse();
		assertThat(copy.equals(headers)).isFalse();
		assertThat(headers).isEqualTo(headers).isNotEqualTo(new UncopiedMessageHeaders(this.shared));
		assertThat(Set.<MessageHeaders>of(headers)).doesNotContain(copy);
		assertThat(Set.<MessageHeaders>of(copy)).doesNotContain(headers);
	}

	@Test
	void sharedHeadersLeaveTheIdAndTimestampToEachMessage() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UncopiedMessageHeaders.Shared.of(Map.of(MessageHeaders.ID, UUID.randomUUID())))
			.withMessageContaining("id");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UncopiedMessageHeaders.Shared.of(Map.of(MessageHeaders.TIMESTAMP, 1L)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UncopiedMessageHeaders.Shared.of(null));
		Map<String, Object> mutable = new HashMap<>(this.connection);
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(UncopiedMessageHeaders.Shared.of(mutable));
		mutable.put("later", 1);
		assertThat(headers).as("a copy of a mutable map").doesNotContainKey("later");
	}

	@Test
	void survivesJavaSerialization() throws IOException, ClassNotFoundException {
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(this.shared);
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

	/** A datagram's receiving channel cannot be serialized: left out, as MessageHeaders leave such values out. */
	@Test
	void serializationLeavesOutWhatCannotBeSerialized() throws IOException, ClassNotFoundException {
		Object channel = new Object();
		UncopiedMessageHeaders headers = new UncopiedMessageHeaders(UncopiedMessageHeaders.Shared
			.of(Map.of(IpHeaders.PACKET_ADDRESS, new InetSocketAddress("127.0.0.1", 4242), "channel", channel)));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new GenericMessage<>("payload", headers));
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			MessageHeaders read = ((Message<?>) in.readObject()).getHeaders();
			assertThat(read).doesNotContainKey("channel")
				.containsEntry(IpHeaders.PACKET_ADDRESS, new InetSocketAddress("127.0.0.1", 4242))
				.hasSize(3);
			assertThat(read.getId()).isEqualTo(headers.getId());
			assertThat(read.getTimestamp()).isEqualTo(headers.getTimestamp());
		}
	}

}
