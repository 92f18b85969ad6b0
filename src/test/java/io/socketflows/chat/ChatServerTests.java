package io.socketflows.chat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversations driven through the HTTP API, the operator's answers checked on each client's socket.
 */
@ServerTest(args = "--sockets.chat.auto-reply=Bien reçu")
class ChatServerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@LocalServerPort
	int httpPort;

	@Test
	void answersEachClientSeparatelyThroughTheApi() throws Exception {
		try (Socket alice = connect(); Socket bob = connect()) {
			send(alice, "Bonjour, je suis Alice");
			assertThat(receive(alice)).isEqualTo("Bien reçu");
			send(bob, "Bonjour, je suis Bob");
			assertThat(receive(bob)).isEqualTo("Bien reçu");

			long aliceId = conversationOf(alice);
			long bobId = conversationOf(bob);
			assertThat(aliceId).isNotEqualTo(bobId);

			assertThat(post(aliceId, "Salut Alice").statusCode()).isEqualTo(204);
			assertThat(post(bobId, "Salut Bob").statusCode()).isEqualTo(204);
			assertThat(receive(alice)).isEqualTo("Salut Alice");
			assertThat(receive(bob)).isEqualTo("Salut Bob");

			JsonNode messages = get("/api/conversations/" + aliceId).get("messages");
			assertThat(messages.findValuesAsString("text")).containsExactly("Bonjour, je suis Alice", "Bien reçu",
					"Salut Alice");
			assertThat(messages.findValuesAsString("from")).containsExactly("CLIENT", "OPERATOR", "OPERATOR");
		}
	}

	@Test
	void exitEndsTheConversationAndClosesItsConnection() throws Exception {
		try (Socket client = connect()) {
			send(client, "Au revoir ?");
			assertThat(receive(client)).isEqualTo("Bien reçu");
			long id = conversationOf(client);
			assertThat(post(id, "exit").statusCode()).isEqualTo(204);
			assertThat(client.getInputStream().read()).as("closed by the server").isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).until(() -> request(HttpRequest.newBuilder(uri("/api/conversations/" + id)))
				.statusCode() == 404);
		}
	}

	@Test
	void deleteEndsAConversation() throws Exception {
		try (Socket client = connect()) {
			send(client, "hello");
			receive(client);
			long id = conversationOf(client);
			HttpResponse<String> response = request(HttpRequest.newBuilder(uri("/api/conversations/" + id)).DELETE());
			assertThat(response.statusCode()).isEqualTo(204);
			assertThat(client.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void answersToAnUnknownConversationAreNotFound() throws Exception {
		HttpResponse<String> response = post(999_999, "anybody?");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).isEqualTo("No open conversation #999999");
		assertThat(request(HttpRequest.newBuilder(uri("/api/conversations/999999")).DELETE()).statusCode())
			.isEqualTo(404);
	}

	@Test
	void refusesTheApiWithoutCredentialsWithoutARedirect() throws Exception {
		try (Socket client = connect()) {
			send(client, "hello");
			receive(client);
			long id = conversationOf(client);
			for (HttpRequest.Builder request : new HttpRequest.Builder[] {
					HttpRequest.newBuilder(uri("/api/conversations")),
					HttpRequest.newBuilder(uri("/api/conversations/" + id)).DELETE(),
					HttpRequest.newBuilder(uri("/api/conversations/" + id + "/replies"))
						.header("Content-Type", "text/plain")
						.POST(HttpRequest.BodyPublishers.ofString("not from the operator")) }) {
				HttpResponse<String> refused = Http.send(request);
				assertThat(refused.statusCode()).isEqualTo(401);
				assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"socket-flows\"");
			}
			// The console page's own requests get no Basic challenge, or the browser would ask for a password.
			HttpResponse<String> fromThePage = Http.send(HttpRequest.newBuilder(uri("/api/conversations"))
				.header("X-Requested-With", "XMLHttpRequest"));
			assertThat(fromThePage.statusCode()).isEqualTo(401);
			assertThat(fromThePage.headers().firstValue("WWW-Authenticate")).isEmpty();
			// Still open, and nothing reached the client.
			assertThat(get("/api/conversations/" + id).get("messages").findValuesAsString("text"))
				.containsExactly("hello", "Bien reçu");
		}
	}

	@Test
	void sendsThePageToTheLoginFormWithoutASession() throws Exception {
		for (String path : new String[] { "/", "/console.js" }) {
			HttpResponse<String> response = Http.send(HttpRequest.newBuilder(uri(path)));
			assertThat(response.statusCode()).as(path).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(
					(location) -> assertThat(location).endsWith("/login"));
		}
		assertThat(Http.send(HttpRequest.newBuilder(uri("/login"))).body()).contains("name=\"_csrf\"");
	}

	@Test
	void keepsEveryByteAClientSends() throws Exception {
		byte[] payload = { 'h', 'i', (byte) 0xff, (byte) 0xc3, 0x00, 0x1b };
		try (Socket client = connect()) {
			client.getOutputStream().write(payload);
			receive(client);
			JsonNode message = get("/api/conversations/" + conversationOf(client)).get("messages").get(0);
			assertThat(message.get("bytes").binaryValue()).containsExactly(payload);
			assertThat(message.get("text").asString()).startsWith("hi\uFFFD");
		}
	}

	private long conversationOf(Socket client) throws Exception {
		String remote = "127.0.0.1:" + client.getLocalPort();
		for (JsonNode conversation : get("/api/conversations")) {
			if (conversation.get("remote").asString().equals(remote)) {
				return conversation.get("id").asLong();
			}
		}
		throw new AssertionError("no conversation for " + remote);
	}

	private Socket connect() throws IOException {
		Socket socket = Sockets.connect(Listeners.port(this.tcpChatServer));
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
	}

	/** One read, as the tutorial's client: each answer is written in one piece. */
	private static String receive(Socket socket) throws IOException {
		byte[] buffer = new byte[2000];
		int read = socket.getInputStream().read(buffer);
		return new String(buffer, 0, read, StandardCharsets.UTF_8);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = request(HttpRequest.newBuilder(uri(path)));
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> post(long id, String text) throws Exception {
		return request(HttpRequest.newBuilder(uri("/api/conversations/" + id + "/replies"))
			.header("Content-Type", "text/plain; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	private HttpResponse<String> request(HttpRequest.Builder request) throws Exception {
		return Http.send(Http.asOperator(request));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

}
