package io.socketflows.testsupport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Real HTTP requests to the application, with the suite's one timeout.
 */
public final class Http {

	/** The operator every test application is started with ({@link ServerTest}, {@link RunningApp}). */
	public static final String OPERATOR = "operator";

	public static final String OPERATOR_PASSWORD = "test-operator-password";

	private static final HttpClient client = HttpClient.newHttpClient();

	private Http() {
	}

	public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.timeout(Listeners.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The request with the test operator's HTTP Basic credentials, as {@code curl -u operator:...}. */
	public static HttpRequest.Builder asOperator(HttpRequest.Builder request) {
		String credentials = OPERATOR + ":" + OPERATOR_PASSWORD;
		return request.header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

}
