package io.socketflows.ops;

import java.util.ArrayList;
import java.util.List;

import io.socketflows.support.EnumNames;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.transport.ServerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says what runs, once, when the application is ready: each service with its address, the transport, the chat's
 * operator and the HTTP ports. Boot's and the listeners' own start-up lines are quietened in application.yml, so
 * that a newcomer reads these two lines rather than twenty.
 */
@Component
class StartupSummary {

	private static final Logger logger = LoggerFactory.getLogger(StartupSummary.class);

	private final SocketListeners listeners;

	private final SocketsProperties sockets;

	private final ServerTransport transport;

	StartupSummary(SocketListeners listeners, SocketsProperties sockets,
			ServerTransport transport) {
		this.listeners = listeners;
		this.sockets = sockets;
		this.transport = transport;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		logger.info("Serving {}; transport {}", services(), this.transport.describe());
		logger.info("{}{}", chat(), http(event.getApplicationContext().getEnvironment()));
	}

	/** @return {@code echo on tcp 0.0.0.0:3000, ...}, with what differs from a plain listener in brackets */
	String services() {
		if (this.listeners.all().isEmpty()) {
			return "no service (every sockets.<service>.enabled is false)";
		}
		List<String> services = new ArrayList<>();
		for (SocketListener listener : this.listeners.all()) {
			SocketService service = listener.service();
			List<String> notes = new ArrayList<>();
			if (service == SocketService.ECHO) {
				notes.add(EnumNames.kebab(this.sockets.echo().framing()));
			}
			if (service == SocketService.UDP) {
				notes.add(EnumNames.kebab(this.sockets.udp().mode()));
			}
			if (service.protocol() == SocketService.Protocol.TCP && this.sockets.ssl(service).enabled()) {
				notes.add("tls");
			}
			if (!listener.isListening()) {
				notes.add("DOWN: " + listener.failure().orElse("not listening"));
			}
			String note = notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
			services.add(service + " on " + listener.describe() + note);
		}
		return String.join(", ", services);
	}

	private String chat() {
		if (!this.sockets.chat().enabled()) {
			return "";
		}
		SocketsProperties.Operator operator = this.sockets.chat().operatorOrDefault();
		String how = switch (operator) {
			case CONSOLE -> "type the answers in this terminal";
			case AUTO -> "answers by itself";
			case WEB -> "answer on the console page or the API";
		};
		return "Chat operator: " + EnumNames.kebab(operator) + " (" + how + ", sockets.chat.operator); ";
	}

	private static String http(Environment environment) {
		String server = environment.getProperty("local.server.port");
		String management = environment.getProperty("local.management.port", server);
		if (server == null) {
			return "no HTTP";
		}
		String password = environment.containsProperty("spring.security.user.password") ? ""
				: " (the generated password logged above)";
		return "console page and API on http port " + server + ", actuator on " + management + ", for the user "
				+ environment.getProperty("spring.security.user.name", "user") + password;
	}

}
