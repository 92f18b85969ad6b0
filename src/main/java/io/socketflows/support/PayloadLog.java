package io.socketflows.support;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/**
 * What logs show of a payload: only its size, unless {@code sockets.log-payloads} is on; then its text,
 * escaped (a client's bytes must not forge log lines) and cut to {@code sockets.log-payload-limit}.
 */
@Component
public class PayloadLog {

	private final boolean show;

	private final int limit;

	public PayloadLog(SocketsProperties sockets) {
		this.show = sockets.logPayloads();
		this.limit = sockets.logPayloadLimit();
	}

	/**
	 * @param payload the bytes as they came
	 * @return a log argument that describes them only if the line is logged (as {@link #describe}, not stripped)
	 */
	public Object lazily(byte[] payload) {
		return new Object() {

			@Override
			public String toString() {
				return describe(payload, false);
			}

		};
	}

	/**
	 * @param payload the bytes as they came
	 * @param strip whether to strip surrounding whitespace first, as {@code tcpHandler.py} does
	 * @return what a log line shows
	 */
	public String describe(byte[] payload, boolean strip) {
		if (!this.show) {
			return payload.length + " bytes";
		}
		String text = new String(payload, StandardCharsets.UTF_8);
		if (strip) {
			text = text.strip();
		}
		StringBuilder escaped = new StringBuilder(Math.min(text.length(), this.limit) + 16);
		int shown = 0;
		for (int i = 0; i < text.length() && shown < this.limit; i++, shown++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (Character.isISOControl(c)) {
						escaped.append(String.format("\\x%02x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		if (shown < text.length()) {
			escaped.append("... (").append(payload.length).append(" bytes)");
		}
		return escaped.toString();
	}

}
