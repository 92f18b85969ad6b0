package io.socketflows.chat.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.socketflows.chat.console.EventStream;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RedisProcess;
import io.socketflows.testsupport.RunningApp;
import io.socketflows.testsupport.Sockets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two instances, "pod A" and "pod B", on one real Redis: each sees, answers and ends the other's clients.
 */
class ChatClusterTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String CLUSTER = "test-" + UUID.randomUUID();

	private static RedisProcess redis;

	private static RunningApp podA;

	private static RunningApp podB;

	@BeforeAll
	static void startTwoPods() {
		redis = RedisProcess.start();
		podA = pod();
		podB = pod();
	}

	@AfterAll
	static void stopThem() {
		for (AutoCloseable closeable : new AutoCloseable[] { podA, podB, redis }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// The others still close.
			}
		}
	}

	/** Answered by nobody but the test: whatever reaches a client came from an API call. */
	static RunningApp pod(String... more) {
		List<String> args = new ArrayList<>(List.of(redis.clusterArgs(CLUSTER)));
		args.addAll(List.of("--sockets.chat.operator=web", "--sockets.chat.cluster-expiry=3s"));
		args.addAll(List.of(more));
		return RunningApp.start(args.toArray(String[]::new));
	}

	@Test
	void theOtherPodListsAClientAndItsMessagesAndStreamsTheirEvents() throws Exception {
		try (EventStream stream = events(podB); Socket client = connect(podA)) {
			String remote = "127.0.0.1:" + client.getLocalPort();
			EventStream.Event opened = stream
				.next((e) -> e.name().equals("opened") && e.data().get("remote").asString().equals(remote));
			long id = opened.data().get("id").asLong();
			send(client, "Bonjour de A");
			EventStream.Event message = stream
				.next((e) -> e.name().equals("message") && e.data().get("conversation").asLong() == id);
			assertThat(message.data().at("/message/text").asString()).isEqualTo("Bonjour de A");

			await().atMost(Listeners.TIMEOUT).untilAsserted(() -> assertThat(texts(get(podB, "/api/conversations/" + id)))
				.containsExactly("Bonjour de A"));
			assertThat(ids(get(podB, "/api/conversations"))).contains(id);
			assertThat(get(podB, "/api/conversations/" + id).get("remote").asString()).isEqualTo(remote);
		}
	}

	@Test
	void aReplyPostedToOnePodReachesTheClientOnTheOtherAndOnlyIt() throws Exception {
		double routedBefore = routed(podB, "answer");
		try (EventStream stream = events(podB); Socket alice = connect(podA);
				Socket bob = connect(podA); Socket carol = connect(podB)) {
			long aliceId = conversationOf(podB, alice);
			conversationOf(podB, bob);
			conversationOf(podB, carol);

			HttpResponse<String> reply = post(podB, aliceId, "Salut Alice, ici B");
			assertThat(reply.statusCode()).as(reply.body()).isEqualTo(204);
			assertThat(receive(alice)).isEqualTo("Salut Alice, ici B");
			assertNothingFor(bob);
			assertNothingFor(carol);

			EventStream.Event shown = stream
				.next((e) -> e.name().equals("reply") && e.data().get("conversation").asLong() == aliceId);
			assertThat(shown.data().at("/message/from").asString()).isEqualTo("OPERATOR");
			assertThat(texts(get(podA, "/api/conversations/" + aliceId))).containsExactly("Salut Alice, ici B");
			assertThat(routed(podB, "answer")).isEqualTo(routedBefore + 1);
		}
	}

	@Test
	void anEndOnOnePodClosesTheClientOnTheOther() throws Exception {
		try (Socket client = connect(podA); Socket other = connect(podA)) {
			long id = conversationOf(podB, client);
			long otherId = conversationOf(podB, other);
			HttpResponse<String> end = request(podB, HttpRequest.newBuilder(podB.uri("/api/conversations/" + id)).DELETE());
			assertThat(end.statusCode()).as(end.body()).isEqualTo(204);
			assertThat(client.getInputStream().read()).as("closed by pod A").isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).until(() -> !ids(get(podB, "/api/conversations")).contains(id));

			// exit, as at the console, ends it too.
			assertThat(post(podB, otherId, "exit").statusCode()).isEqualTo(204);
			assertThat(other.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void anAnswerToAnEndedConversationSaysItEndedAndToAnUnknownOneThatItIsNot() throws Exception {
		long id;
		try (Socket client = connect(podA)) {
			id = conversationOf(podB, client);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> !ids(get(podB, "/api/conversations")).contains(id));
		HttpResponse<String> ended = post(podB, id, "trop tard");
		assertThat(ended.statusCode()).isEqualTo(404);
		assertThat(json.readTree(ended.body()).get("detail").asString())
			.isEqualTo("No open conversation #" + id + ": it has ended");

		HttpResponse<String> unknown = post(podB, 999_999_999, "personne ?");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json.readTree(unknown.body()).get("detail").asString()).isEqualTo("No open conversation #999999999");
	}

	@Test
	void anAnswerNoPodTakesIsUnavailable() throws Exception {
		// An entry whose pod never listens: as a pod that died a moment ago, before its entries expire.
		StringRedisTemplate redisOfB = podB.context().getBean(StringRedisTemplate.class);
		long id = podB.context().getBean(ClusterRegistry.class).nextId();
		redisOfB.opsForValue().set(CLUSTER + ":chat:conversation:" + id, json.writeValueAsString(json.createObjectNode()
			.put("id", id)
			.put("pod", "gone-pod")
			.put("remote", "192.0.2.1:4000")
			.put("openedAt", "2026-12-01T00:00:00Z")
			.set("messages", json.createArrayNode())));
		double failuresBefore = failures(podB, "timeout");

		HttpResponse<String> reply = post(podB, id, "allô ?");
		assertThat(reply.statusCode()).isEqualTo(503);
		assertThat(json.readTree(reply.body()).get("detail").asString())
			.isEqualTo("Pod gone-pod, which holds conversation #" + id + ", did not answer within 5s");
		assertThat(failures(podB, "timeout")).isEqualTo(failuresBefore + 1);
		redisOfB.delete(CLUSTER + ":chat:conversation:" + id);
	}

	@Test
	void idsFromBothPodsNeverCollide() throws Exception {
		List<Socket> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 12; i++) {
				clients.add(connect((i % 2 == 0) ? podA : podB));
			}
			Set<Long> ids = new HashSet<>();
			for (Socket client : clients) {
				ids.add(conversationOf(podA, client));
			}
			assertThat(ids).hasSize(clients.size()).allMatch((id) -> id > 0);
		}
		finally {
			for (Socket client : clients) {
				client.close();
			}
		}
	}

	@Test
	void aPodThatStopsTakesItsConversationsOutOfTheRegistry() throws Exception {
		RunningApp podC = pod("--sockets.shutdown.drain-timeout=1s");
		try (Socket client = connect(podC)) {
			long id = conversationOf(podB, client);
			podC.close();
			assertThat(client.getInputStream().read()).as("drained by pod C").isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).until(() -> !ids(get(podB, "/api/conversations")).contains(id));
			assertThat(podB.context().getBean(ClusterRegistry.class).find(id)).isEmpty();
		}
		finally {
			podC.close();
		}
	}

	@Test
	void theClusterIsAHealthComponentOutsideReadiness() throws Exception {
		JsonNode health = json.readTree(podA.management("/actuator/health").body());
		assertThat(health.at("/components/chatCluster/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/chatCluster/details/cluster").asString()).isEqualTo(CLUSTER);
		assertThat(health.get("components").has("redis")).as("Boot's own redis component").isFalse();
		JsonNode readiness = json.readTree(podA.management("/actuator/health/readiness").body());
		assertThat(readiness.get("components").has("chatCluster")).isFalse();
	}

	static long conversationOf(RunningApp app, Socket client) {
		String remote = "127.0.0.1:" + client.getLocalPort();
		long[] found = { 0 };
		await().atMost(Listeners.TIMEOUT).until(() -> {
			for (JsonNode conversation : get(app, "/api/conversations")) {
				if (conversation.get("remote").asString().equals(remote)) {
					found[0] = conversation.get("id").asLong();
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	static Socket connect(RunningApp app) throws IOException {
		return Sockets.connect(Listeners.port(app.bean("tcpChatServer", AbstractServerConnectionFactory.class)));
	}

	static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
	}

	static String receive(Socket socket) throws IOException {
		byte[] buffer = new byte[2000];
		int read = socket.getInputStream().read(buffer);
		return new String(buffer, 0, read, StandardCharsets.UTF_8);
	}

	/** Whatever an answer to another client would have brought has arrived by now: its own answer came after it. */
	private static void assertNothingFor(Socket client) throws IOException {
		int timeout = client.getSoTimeout();
		client.setSoTimeout(200);
		try {
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> client.getInputStream().read());
		}
		finally {
			client.setSoTimeout(timeout);
		}
	}

	static List<Long> ids(JsonNode conversations) {
		List<Long> ids = new ArrayList<>();
		conversations.forEach((conversation) -> ids.add(conversation.get("id").asLong()));
		return ids;
	}

	private static List<String> texts(JsonNode conversation) {
		return conversation.get("messages").findValuesAsString("text");
	}

	static JsonNode get(RunningApp app, String path) throws Exception {
		HttpResponse<String> response = request(app, HttpRequest.newBuilder(app.uri(path)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	static HttpResponse<String> post(RunningApp app, long id, String text) throws Exception {
		return request(app, HttpRequest.newBuilder(app.uri("/api/conversations/" + id + "/replies"))
			.header("Content-Type", "text/plain; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	static HttpResponse<String> request(RunningApp app, HttpRequest.Builder request) throws Exception {
		return Http.send(Http.asOperator(request));
	}

	static EventStream events(RunningApp app) throws Exception {
		HttpResponse<InputStream> response = http.send(Http.asOperator(HttpRequest
			.newBuilder(app.uri("/api/conversations/events"))
			.header("Accept", "text/event-stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return new EventStream(response.body());
	}

	private static double routed(RunningApp app, String kind) {
		return app.context().getBean(MeterRegistry.class).get("sockets.chat.routed").tag("kind", kind).counter().count();
	}

	private static double failures(RunningApp app, String reason) {
		return app.context()
			.getBean(MeterRegistry.class)
			.get("sockets.chat.routing.failures")
			.tag("reason", reason)
			.counter()
			.count();
	}

}
