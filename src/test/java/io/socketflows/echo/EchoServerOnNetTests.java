package io.socketflows.echo;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EchoServerTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class EchoServerOnNetTests extends EchoServerTests {

	@Autowired
	ConfigurableApplicationContext context;

	/** Spring Integration's default is Nagle on: an echo written in pieces would wait for the delayed ACK. */
	@Test
	void acceptsConnectionsWithoutNagle() throws IOException, InterruptedException {
		BlockingQueue<TcpConnection> opened = new LinkedBlockingQueue<>();
		this.context.addApplicationListener((ApplicationListener<TcpConnectionOpenEvent>) (event) -> {
			if ("tcpEchoServer".equals(event.getConnectionFactoryName())) {
				opened.add((TcpConnection) event.getSource());
			}
		});
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpEchoServer))) {
			socket.getOutputStream().write("Hello, world".getBytes(StandardCharsets.UTF_8));
			assertThat(socket.getInputStream().read()).isEqualTo('H');
			TcpConnection accepted = opened.poll(Listeners.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(accepted).as("the server's side of the connection").isNotNull();
			assertThat(accepted.getSocketInfo().getTcpNoDelay()).isTrue();
		}
	}

}
