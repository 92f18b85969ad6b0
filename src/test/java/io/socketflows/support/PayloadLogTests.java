package io.socketflows.support;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadLogTests {

	@Test
	void showsOnlyTheSizeByDefault() {
		assertThat(payloadLog().describe(bytes("secret\n"), false)).isEqualTo("7 bytes");
	}

	@Test
	void showsEscapedTextWhenAsked() {
		PayloadLog log = payloadLog("sockets.log-payloads", "true");
		// A forged log line stays on one line.
		assertThat(log.describe(bytes("hi\r\n2026 ERROR fake\u0007"), false)).isEqualTo("hi\\r\\n2026 ERROR fake\\x07");
		assertThat(log.describe(bytes("  Hello wild world\n"), true)).isEqualTo("Hello wild world");
	}

	@Test
	void cutsLongPayloads() {
		PayloadLog log = payloadLog("sockets.log-payloads", "true", "sockets.log-payload-limit", "5");
		assertThat(log.describe(bytes("abcdefghij"), false)).isEqualTo("abcde... (10 bytes)");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static PayloadLog payloadLog(String... properties) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		for (int i = 0; i < properties.length; i += 2) {
			source.put(properties[i], properties[i + 1]);
		}
		return new PayloadLog(new Binder(source).bindOrCreate("sockets", SocketsProperties.class));
	}

}
