package io.socketflows.ops;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what over HTTP: probes and scrapes are open, everything that shows or touches a client needs the
 * operator (Boot's {@code spring.security.user}, role {@code OPERATOR}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

	private static final String OPERATOR = "OPERATOR";

	private static final String REALM = "socket-flows";

	/**
	 * Actuator, on the management port (Boot applies this chain in the management child context too): Kubernetes
	 * and Prometheus need no credentials; {@code connections} can close a client, {@code metrics} shows
	 * everything and {@code integrationgraph} the flows' insides, so they (and whatever else would be exposed) are
	 * the operator's.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http) {
		// The endpoints that are not exposed too: a 401 for them, not the page's login form.
		return http
			.securityMatcher(new OrRequestMatcher(EndpointRequest.toAnyEndpoint(),
					PathPatternRequestMatcher.pathPattern("/actuator/**")))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
				.permitAll()
				.anyRequest()
				.hasRole(OPERATOR))
			.httpBasic((basic) -> basic.authenticationEntryPoint(basicEntryPoint()))
			// Scripts only: no session, no cookie for a cross-site request to ride on.
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * The console page and the conversation API: a login form and a session for the page, HTTP Basic for
	 * scripts; never a redirect for the API, so {@code curl} without credentials gets a 401.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain operatorSecurityFilterChain(HttpSecurity http) {
		RequestMatcher api = (request) -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/error")
				.permitAll()
				.anyRequest()
				.hasRole(OPERATOR))
			// The form is the console's own (chat.console.ConsolePages): it tells who the operator is.
			.formLogin((form) -> form.loginPage("/login"))
			.httpBasic((basic) -> basic.authenticationEntryPoint(basicEntryPoint()))
			// The page sends the XSRF-TOKEN cookie back as a header. An API request with Basic credentials, or
			// without a session, carries no cookie-borne authority: it needs no token (curl -u works unchanged),
			// and without credentials it gets its 401.
			.csrf((csrf) -> csrf.spa()
				.ignoringRequestMatchers(WebSecurityConfiguration::hasBasicCredentials,
						(request) -> api.matches(request) && !request.isRequestedSessionIdValid()))
			.exceptionHandling((exceptions) -> exceptions
				// The page's own requests: a bare 401, which it answers by going to the login form; a Basic
				// challenge would make the browser open its password dialog.
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						(request) -> api.matches(request) && fromThePage(request))
				.defaultAuthenticationEntryPointFor(basicEntryPoint(), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						AnyRequestMatcher.INSTANCE))
			.build();
	}

	private static BasicAuthenticationEntryPoint basicEntryPoint() {
		BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
		entryPoint.setRealmName(REALM);
		return entryPoint;
	}

	private static boolean hasBasicCredentials(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
	}

	/** fetch() sends X-Requested-With (console.js sets it); EventSource cannot, but asks for an event stream. */
	private static boolean fromThePage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
				|| (accept != null && accept.contains("text/event-stream"));
	}

}
