package io.socketflows.ops;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import io.socketflows.testsupport.Sockets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idle means no traffic in either direction: a client that only listens while the operator speaks stays
 * connected past the idle timeout, and is closed (and counted {@code idle}) once both sides are silent.
 */
@ServerTest(args = { "--sockets.chat.idle-timeout=2s", "--sockets.chat.auto-reply=Bien reçu" })
class IdleTimeoutTests {

	private static final Duration ANSWER_EVERY = Duration.ofMillis(500);

	/** Answers for 4.5 s, more than twice the idle timeout. */
	private static final int ANSWERS = 9;

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int httpPort;

	@Test
	void trafficTowardsTheClientKeepsItsConnectionOpenThenSilenceClosesIt() throws Exception {
		// The API's first request warms up the web server and the operator's login, outside the idle timeout.
		assertThat(Http.send(Http.asOperator(HttpRequest.newBuilder(uri("/api/conversations")))).statusCode())
			.isEqualTo(200);
		try (Socket client = Sockets.connect(Listeners.port(this.tcpChatServer))) {
			client.getOutputStream().write("bonjour".getBytes(StandardCharsets.UTF_8));
			assertThat(receive(client)).isEqualTo("Bien reçu");
			long id = conversationOf(client);
			double idle = idleRefusals();
			AtomicInteger answered = new AtomicInteger();
			// The client sends nothing more: only the operator's answers cross the connection.
			await().pollInterval(ANSWER_EVERY).atMost(Listeners.TIMEOUT).until(() -> {
				String answer = "encore " + answered.get();
				assertThat(post(id, answer).statusCode()).isEqualTo(204);
				assertThat(receive(client)).isEqualTo(answer);
				return answered.incrementAndGet() == ANSWERS;
			});
			assertThat(idleRefusals()).as("not idle while answers went out").isEqualTo(idle);
			assertThat(client.getInputStream().read()).as("closed once both sides were silent").isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).until(() -> idleRefusals() == idle + 1);
		}
	}

	private double idleRefusals() {
		return this.meters.counter("sockets.connections.rejected", "service", "chat", "reason", "idle").count();
	}

	/** One read, as the tutorial's client: each answer is written in one piece. */
	private static String receive(Socket socket) throws IOException {
		byte[] buffer = new byte[2000];
		int read = socket.getInputStream().read(buffer);
		return new String(buffer, 0, read, StandardCharsets.UTF_8);
	}

	private long conversationOf(Socket client) throws Exception {
		String remote = "127.0.0.1:" + client.getLocalPort();
		HttpResponse<String> conversations = Http.send(Http.asOperator(HttpRequest.newBuilder(uri("/api/conversations"))));
		for (JsonNode conversation : this.json.readTree(conversations.body())) {
			if (conversation.get("remote").asString().equals(remote)) {
				return conversation.get("id").asLong();
			}
		}
		throw new AssertionError("no conversation for " + remote);
	}

	private HttpResponse<String> post(long id, String text) throws Exception {
		return Http.send(Http.asOperator(HttpRequest.newBuilder(uri("/api/conversations/" + id + "/replies"))
			.header("Content-Type", "text/plain; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(text))));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

}
