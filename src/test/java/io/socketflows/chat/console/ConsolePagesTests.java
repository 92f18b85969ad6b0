package io.socketflows.chat.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages over HTTP, as a browser without JavaScript sees them: the sign-in form says who the operator
 * is and where the password comes from, and the console names this chat's real port.
 */
@ServerTest
class ConsolePagesTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@Autowired
	AbstractServerConnectionFactory tcpChatServer;

	@LocalServerPort
	int httpPort;

	/** A browser of its own: its cookies (the session, the CSRF token), no redirect followed. */
	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void theLoginPageNamesTheOperatorAndWhereThePasswordIs() throws Exception {
		HttpResponse<String> login = get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type)
			.startsWith("text/html"));
		assertThat(login.body()).contains("The operator is <code>" + Http.OPERATOR + "</code>.")
			.contains("Its password is the one set in <code>spring.security.user.password</code>")
			.doesNotContain(Http.OPERATOR_PASSWORD)
			.doesNotContain("{{");
	}

	@Test
	void signingInOpensTheConsoleWithTheChatsRealPort() throws Exception {
		HttpResponse<String> signedIn = signIn(Http.OPERATOR_PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/"));

		HttpResponse<String> console = get("/");
		assertThat(console.statusCode()).isEqualTo(200);
		assertThat(console.body()).contains("<code id=\"chat-command\">ncat 127.0.0.1 "
				+ Listeners.port(this.tcpChatServer) + "</code>");
	}

	@Test
	void aWrongPasswordComesBackToTheFormWithWhy() throws Exception {
		HttpResponse<String> refused = signIn("not-the-password");
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to)
			.endsWith("/login?error"));
		assertThat(get("/login?error").body()).contains("Wrong user or password.");
		assertThat(get("/").statusCode()).as("not signed in").isEqualTo(302);
	}

	@Test
	void signingOutAsksThenSaysSo() throws Exception {
		assertThat(signIn(Http.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
		HttpResponse<String> ask = get("/logout");
		assertThat(ask.statusCode()).isEqualTo(200);
		HttpResponse<String> out = post("/logout", "_csrf=" + encode(csrf(ask.body())));
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(out.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to)
			.endsWith("/login?logout"));
		assertThat(get("/login?logout").body()).contains("Signed out.");
		assertThat(get("/").statusCode()).as("signed out").isEqualTo(302);
	}

	private HttpResponse<String> signIn(String password) throws Exception {
		String token = csrf(get("/login").body());
		return post("/login", "username=" + encode(Http.OPERATOR) + "&password=" + encode(password) + "&_csrf="
				+ encode(token));
	}

	private static String csrf(String page) {
		Matcher token = CSRF.matcher(page);
		assertThat(token.find()).as("a CSRF token in the form").isTrue();
		return token.group(1);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.browser.send(HttpRequest.newBuilder(uri(path)).timeout(Listeners.TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		return this.browser.send(HttpRequest.newBuilder(uri(path))
			.timeout(Listeners.TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			// As a browser's form: a script (no Accept) gets a 204 from the sign-out, a page its redirect.
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
