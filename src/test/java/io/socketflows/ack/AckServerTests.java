package io.socketflows.ack;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.Sockets;
import io.socketflows.testsupport.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServerTest(args = "--sockets.log-payloads=true")
@ExtendWith(OutputCaptureExtension.class)
class AckServerTests {

	@Autowired
	AbstractServerConnectionFactory tcpAckServer;

	@Test
	void acknowledgesTheTutorialClientThenCloses(CapturedOutput output) throws IOException {
		// tcpHandlerClient.py: sendall(data), one recv(1024), then it prints what it got.
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpAckServer))) {
			socket.getOutputStream().write(" Hello wild world... best regards ..!\n".getBytes(StandardCharsets.UTF_8));
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[1024];
			int read = in.read(buffer);
			assertThat(new String(buffer, 0, read, StandardCharsets.UTF_8)).isEqualTo("ACK from TCP Server");
			assertThat(in.read()).as("the server closes after its reply").isEqualTo(-1);
		}
		// tcpHandler.py prints the client address and the stripped request; payloads are logged on demand.
		await().atMost(Listeners.TIMEOUT)
			.untilAsserted(() -> assertThat(output.getOut()).contains("127.0.0.1 sent: Hello wild world... best regards ..!"));
	}

	@Test
	void closesQuietlyWhenTheClientSendsNothing() throws IOException {
		try (Socket socket = Sockets.connect(Listeners.port(this.tcpAckServer))) {
			socket.shutdownOutput();
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

}
