package io.socketflows.chat.cluster;

import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RedisProcess;
import io.socketflows.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.socketflows.chat.cluster.ChatClusterTests.connect;
import static io.socketflows.chat.cluster.ChatClusterTests.conversationOf;
import static io.socketflows.chat.cluster.ChatClusterTests.get;
import static io.socketflows.chat.cluster.ChatClusterTests.ids;
import static io.socketflows.chat.cluster.ChatClusterTests.post;
import static io.socketflows.chat.cluster.ChatClusterTests.receive;
import static io.socketflows.chat.cluster.ChatClusterTests.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under two pods and comes back empty: each pod keeps serving its own clients, says so in its
 * health, and rejoins the cluster by itself.
 */
class ChatClusterOutageTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aPodCutFromRedisServesItsClientsAndRejoinsWhenRedisIsBack() throws Exception {
		String cluster = "outage-" + UUID.randomUUID();
		try (RedisProcess redis = RedisProcess.start();
				RunningApp podA = pod(redis, cluster);
				RunningApp podB = pod(redis, cluster);
				Socket client = connect(podA)) {
			long id = conversationOf(podB, client);

			redis.stop();
			await().atMost(Listeners.TIMEOUT).until(() -> "DOWN".equals(chatCluster(podA).get("status").asString()));
			assertThat(chatCluster(podA).at("/details/reason").asString()).isNotEmpty();
			assertThat(podA.management("/actuator/health/readiness").statusCode()).as("still ready").isEqualTo(200);
			assertThat(podA.management("/actuator/health/liveness").statusCode()).isEqualTo(200);

			// Its own client, answered on its own API; new ones numbered from the reserve, then by the pod itself.
			send(client, "toujours là ?");
			assertThat(post(podA, id, "oui, A répond seul").statusCode()).isEqualTo(204);
			assertThat(receive(client)).isEqualTo("oui, A répond seul");
			List<Socket> newcomers = new ArrayList<>();
			Set<Long> numbers = new HashSet<>(Set.of(id));
			try {
				long last = 0;
				for (int i = 0; i <= ClusterIds.RESERVE; i++) {
					Socket newcomer = connect(podA);
					newcomers.add(newcomer);
					last = conversationOf(podA, newcomer);
					assertThat(numbers.add(last)).as("a number of its own").isTrue();
				}
				assertThat(last).as("a number of pod A's own, the reserve used up").isNegative();
				assertThat(post(podA, last, "bienvenue").statusCode()).isEqualTo(204);
				assertThat(receive(newcomers.get(newcomers.size() - 1))).isEqualTo("bienvenue");
			}
			finally {
				for (Socket newcomer : newcomers) {
					newcomer.close();
				}
			}
			// Another pod's client cannot be reached meanwhile.
			assertThat(post(podB, id, "de B ?").statusCode()).isEqualTo(503);

			redis.restart();
			await().atMost(Listeners.TIMEOUT).until(() -> "UP".equals(chatCluster(podA).get("status").asString()));
			await().atMost(Listeners.TIMEOUT).until(() -> ids(get(podB, "/api/conversations")).contains(id));
			await().atMost(Listeners.TIMEOUT).until(() -> post(podB, id, "de B, à nouveau").statusCode() == 204);
			assertThat(receive(client)).isEqualTo("de B, à nouveau");
			// The counter, lost with Redis, restarts above the numbers pod A used: not one of them again.
			long highestUsed = numbers.stream().mapToLong(Long::longValue).max().orElseThrow();
			try (Socket later = connect(podA)) {
				assertThat(conversationOf(podA, later)).isGreaterThan(highestUsed);
			}
		}
	}

	private static RunningApp pod(RedisProcess redis, String cluster) {
		String[] args = redis.clusterArgs(cluster);
		String[] all = Arrays.copyOf(args, args.length + 3);
		all[args.length] = "--sockets.chat.operator=web";
		all[args.length + 1] = "--sockets.chat.cluster-expiry=3s";
		all[args.length + 2] = "--sockets.shutdown.drain-timeout=1s";
		return RunningApp.start(all);
	}

	private static JsonNode chatCluster(RunningApp app) throws Exception {
		return json.readTree(app.management("/actuator/health").body()).at("/components/chatCluster");
	}

}
