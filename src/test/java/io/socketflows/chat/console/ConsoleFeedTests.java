package io.socketflows.chat.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import io.socketflows.chat.console.EventStream.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's event stream read as a browser's EventSource reads it: a snapshot first, then every event with
 * an id, and a resume after a reconnection.
 */
@ServerTest(args = "--sockets.chat.auto-reply=Bien reçu")
class ConsoleFeedTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@LocalServerPort
	int httpPort;

	@Test
	void startsWithASnapshotThenStreamsEveryEventOfAConversation() throws Exception {
		try (EventStream stream = open(null)) {
			Event snapshot = stream.next((e) -> true);
			assertThat(snapshot.name()).isEqualTo("snapshot");
			assertThat(snapshot.data().isArray()).isTrue();
			try (Socket client = connect()) {
				String remote = "127.0.0.1:" + client.getLocalPort();
				Event opened = stream.next((e) -> e.name().equals("opened") && e.data().get("remote").asString().equals(remote));
				long id = opened.data().get("id").asLong();
				client.getOutputStream().write(new byte[] { 'p', 'i', 'n', 'g', (byte) 0xff });

				Event message = stream.next((e) -> conversation(e) == id);
				assertThat(message.name()).isEqualTo("message");
				assertThat(message.data().at("/message/from").asString()).isEqualTo("CLIENT");
				assertThat(Base64.getDecoder().decode(message.data().at("/message/bytes").asString()))
					.containsExactly('p', 'i', 'n', 'g', 0xff);
				Event reply = stream.next((e) -> conversation(e) == id);
				assertThat(reply.name()).isEqualTo("reply");
				assertThat(reply.data().at("/message/text").asString()).isEqualTo("Bien reçu");
				assertThat(sequence(reply)).isGreaterThan(sequence(message));
				client.close();
				assertThat(stream.next((e) -> conversation(e) == id).name()).isEqualTo("closed");
			}
		}
	}

	@Test
	void aReconnectingPageGetsWhatItMissedOrASnapshot() throws Exception {
		try (Socket client = connect()) {
			String lastSeen;
			long id;
			try (EventStream stream = open(null)) {
				stream.next((e) -> e.name().equals("snapshot"));
				client.getOutputStream().write("un".getBytes(StandardCharsets.UTF_8));
				Event reply = stream.next((e) -> e.name().equals("reply") && remote(e, client));
				lastSeen = reply.id();
				id = conversation(reply);
			}
			client.getInputStream().readNBytes("Bien reçu".getBytes(StandardCharsets.UTF_8).length);
			client.getOutputStream().write("deux".getBytes(StandardCharsets.UTF_8));

			try (EventStream resumed = open(lastSeen)) {
				Event first = resumed.next((e) -> true);
				assertThat(first.name()).as("no snapshot when the replay has it").isNotEqualTo("snapshot");
				assertThat(sequence(first)).isEqualTo(sequence(lastSeen) + 1);
				assertThat(first.name()).isEqualTo("message");
				assertThat(conversation(first)).isEqualTo(id);
				assertThat(first.data().at("/message/text").asString()).isEqualTo("deux");
			}
			try (EventStream fromAnotherRun = open("0-5")) {
				Event snapshot = fromAnotherRun.next((e) -> true);
				assertThat(snapshot.name()).isEqualTo("snapshot");
				JsonNode mine = null;
				for (JsonNode conversation : snapshot.data()) {
					if (conversation.get("id").asLong() == id) {
						mine = conversation;
					}
				}
				assertThat(mine).isNotNull();
				assertThat(mine.get("messages").findValuesAsString("text")).startsWith("un", "Bien reçu", "deux");
			}
		}
	}

	@Test
	void refusesTheStreamWithoutCredentials() throws Exception {
		HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(uri()).header("Accept", "text/event-stream"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).as("no password dialog for EventSource").isEmpty();
	}

	private static long conversation(Event event) {
		JsonNode data = event.data();
		return data.has("conversation") ? data.get("conversation").asLong() : data.path("id").asLong(-1);
	}

	private boolean remote(Event event, Socket client) {
		return conversationRemote(conversation(event)).equals("127.0.0.1:" + client.getLocalPort());
	}

	private String conversationRemote(long id) {
		try {
			HttpResponse<String> response = Http.send(Http.asOperator(HttpRequest.newBuilder(
					URI.create("http://127.0.0.1:" + this.httpPort + "/api/conversations/" + id))));
			return (response.statusCode() == 200) ? json.readTree(response.body()).get("remote").asString() : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private static long sequence(Event event) {
		return sequence(event.id());
	}

	private static long sequence(String id) {
		return Long.parseLong(id.substring(id.indexOf('-') + 1));
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", Listeners.port(this.tcpChatServer));
		socket.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
		return socket;
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.httpPort + "/api/conversations/events");
	}

	private EventStream open(String lastEventId) throws Exception {
		HttpRequest.Builder request = Http.asOperator(HttpRequest.newBuilder(uri()).header("Accept", "text/event-stream"));
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return new EventStream(response.body());
	}

}
