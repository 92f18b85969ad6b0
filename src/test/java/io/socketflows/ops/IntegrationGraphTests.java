package io.socketflows.ops;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/integrationgraph} over real HTTP: the operator sees every service's flow, nobody else sees any.
 */
@ServerTest
class IntegrationGraphTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalManagementPort
	int managementPort;

	@Test
	void isTheOperatorsOnly() throws Exception {
		HttpResponse<String> anonymous = Http.send(HttpRequest.newBuilder(graphUri()));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("tcpEchoServerFlow");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"socket-flows\"");
	}

	/** Each flow's first channel, with the inbound side that sends to it and the endpoint that consumes it. */
	@ParameterizedTest
	@ValueSource(strings = { "tcpEchoServerFlow", "tcpAckServerFlow", "udpReplyServerFlow", "tcpChatServerFlow" })
	void showsEachServiceFlowFromItsInboundSideOn(String flow) throws Exception {
		HttpResponse<String> response = Http.send(Http.asOperator(HttpRequest.newBuilder(graphUri())));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode graph = this.json.readTree(response.body());
		Map<Integer, String> names = new HashMap<>();
		for (JsonNode node : graph.get("nodes")) {
			names.put(node.get("nodeId").asInt(), node.get("name").asString());
		}
		String channel = flow + ".channel#0";
		assertThat(names).containsValue(channel);
		List<String> into = new ArrayList<>();
		List<String> outOf = new ArrayList<>();
		for (JsonNode link : graph.get("links")) {
			String from = names.get(link.get("from").asInt());
			String to = names.get(link.get("to").asInt());
			if (channel.equals(to)) {
				into.add(from);
			}
			if (channel.equals(from)) {
				outOf.add(to);
			}
		}
		assertThat(into).as("what sends to " + channel).isNotEmpty();
		assertThat(outOf).as("what consumes " + channel).isNotEmpty();
	}

	private URI graphUri() {
		return URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/integrationgraph");
	}

}
