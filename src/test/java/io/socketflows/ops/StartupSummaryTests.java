package io.socketflows.ops;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RunningApp;
import io.socketflows.transport.UdpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up log says what runs in two lines, and Boot's lines about its insides are gone.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupSummaryTests {

	@Test
	void namesEachServiceItsAddressTheTransportTheOperatorAndTheHttpPorts(CapturedOutput output) {
		try (RunningApp app = RunningApp.start("--sockets.bind-address=127.0.0.1", "--sockets.echo.framing=crlf",
				"--sockets.ack.enabled=false")) {
			int echo = Listeners.port(app.bean("tcpEchoServer", AbstractServerConnectionFactory.class));
			int udp = Listeners.port(app.bean("udpServer", UdpServer.class));
			int chat = Listeners.port(app.bean("tcpChatServer", AbstractServerConnectionFactory.class));
			String server = app.context().getEnvironment().getProperty("local.server.port");
			String management = app.context().getEnvironment().getProperty("local.management.port");
			assertThat(output.getOut()).containsOnlyOnce("Serving echo on tcp 127.0.0.1:" + echo + " (crlf), udp on udp 127.0.0.1:"
					+ udp + " (reply), chat on tcp 127.0.0.1:" + chat + "; transport netty (")
				.containsOnlyOnce("Chat operator: auto (answers by itself, sockets.chat.operator); console page and API on"
						+ " http port " + server + ", actuator on " + management + ", for the user operator\n")
				.doesNotContain("ack on")
				.doesNotContain("Tomcat initialized")
				.doesNotContain("Starting Servlet engine")
				.doesNotContain("Root WebApplicationContext")
				.doesNotContain("welcome page")
				.doesNotContain("UserDetailsService bean")
				.doesNotContain("; from source: ")
				.doesNotContain("; defined in: ");
		}
	}

}
