package io.socketflows.chat.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.socketflows.support.SocketServer;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's pages: the console itself ({@code /}), with the command that connects a client to this chat, and
 * the sign-in and sign-out forms, which tell who the operator is and where the password comes from. Rendered here
 * rather than by Spring Security's default pages, which say neither; the login form is the one
 * {@code WebSecurityConfiguration} names.
 */
@RestController
class ConsolePages {

	private static final String PASSWORD_PROPERTY = "<code>spring.security.user.password</code> (or "
			+ "<code>SPRING_SECURITY_USER_PASSWORD</code>)";

	private final String console = template("index.html");

	private final String login = template("login.html");

	private final String logout = template("logout.html");

	private final SecurityProperties security;

	private final SocketsProperties sockets;

	private final ObjectProvider<AbstractServerConnectionFactory> tcpChatServer;

	ConsolePages(SecurityProperties security, SocketsProperties sockets,
			@SocketServer(SocketService.CHAT) ObjectProvider<AbstractServerConnectionFactory> tcpChatServer) {
		this.security = security;
		this.sockets = sockets;
		this.tcpChatServer = tcpChatServer;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String console(HttpServletRequest request) {
		return fill(this.console, Map.of("chatCommand", HtmlUtils.htmlEscape(chatCommand(request))));
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	String login(CsrfToken csrf, @RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String logout) {
		String notice = (error != null) ? "<p class=\"notice bad\" role=\"alert\">Wrong user or password.</p>"
				: (logout != null) ? "<p class=\"notice\" role=\"status\">Signed out.</p>" : "";
		SecurityProperties.User user = this.security.getUser();
		String password = user.isPasswordGenerated()
				? "Its password was generated at start-up: the application's log shows it after "
						+ "<code>Using generated security password:</code>. Set your own with " + PASSWORD_PROPERTY + "."
				: "Its password is the one set in " + PASSWORD_PROPERTY + "; the Helm chart keeps it in a Secret "
						+ "(<code>helm status &lt;release&gt;</code> tells how to read it).";
		return fill(this.login, Map.of("notice", notice, "user", HtmlUtils.htmlEscape(user.getName()), "passwordHint",
				password, "csrfParameter", HtmlUtils.htmlEscape(csrf.getParameterName()), "csrfToken",
				HtmlUtils.htmlEscape(csrf.getToken())));
	}

	/** The link "Sign out" lands here: signing out is a POST, with the CSRF token. */
	@GetMapping(path = "/logout", produces = MediaType.TEXT_HTML_VALUE)
	String logout(CsrfToken csrf) {
		return fill(this.logout, Map.of("csrfParameter", HtmlUtils.htmlEscape(csrf.getParameterName()), "csrfToken",
				HtmlUtils.htmlEscape(csrf.getToken())));
	}

	/**
	 * @return how to reach this chat with ncat: the address the chat listens on, or the host the page came from
	 * when it listens on every address
	 */
	private String chatCommand(HttpServletRequest request) {
		AbstractServerConnectionFactory chat = this.tcpChatServer.getIfAvailable();
		if (chat == null) {
			return "the chat is off (sockets.chat.enabled=false)";
		}
		InetAddress bound = this.sockets.bindAddress();
		String host = bound.isAnyLocalAddress() ? request.getServerName() : bound.getHostAddress();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return "ncat " + (this.sockets.chat().ssl().enabled() ? "--ssl " : "") + host + " " + chat.getPort();
	}

	/** @param values HTML already: escaped where they come from outside */
	private static String fill(String template, Map<String, String> values) {
		String page = template;
		for (Map.Entry<String, String> value : values.entrySet()) {
			page = page.replace("{{" + value.getKey() + "}}", value.getValue());
		}
		return page;
	}

	private static String template(String name) {
		try {
			return new ClassPathResource("console/" + name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
