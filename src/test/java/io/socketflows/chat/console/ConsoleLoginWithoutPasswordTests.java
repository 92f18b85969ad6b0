package io.socketflows.chat.console;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password configured: Boot generates one and logs it, and the login page says where to look.
 */
class ConsoleLoginWithoutPasswordTests {

	@Test
	void theLoginPageSendsTheOperatorToTheLog() throws Exception {
		try (RunningApp app = RunningApp.start("--spring.security.user.password=")) {
			HttpResponse<String> login = Http.send(HttpRequest.newBuilder(app.uri("/login")));
			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(login.body()).contains("The operator is <code>" + Http.OPERATOR + "</code>.")
				.contains("Its password was generated at start-up: the application's log shows it after "
						+ "<code>Using generated security password:</code>");
		}
	}

}
