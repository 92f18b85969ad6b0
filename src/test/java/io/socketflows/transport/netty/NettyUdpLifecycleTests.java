package io.socketflows.transport.netty;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import io.socketflows.testsupport.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static io.socketflows.transport.netty.NettyUdpAdapterTests.client;
import static io.socketflows.transport.netty.NettyUdpAdapterTests.exchange;
import static io.socketflows.transport.netty.NettyUdpAdapterTests.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringJUnitConfig(UdpEchoFlows.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class NettyUdpLifecycleTests {

	@Autowired
	IntegrationFlowContext flowContext;

	UdpEchoFlows flows;

	@BeforeEach
	void flows() {
		this.flows = new UdpEchoFlows(this.flowContext);
	}

	@AfterEach
	void removeFlows() {
		this.flows.close();
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void recordsWhyItCannotBindAPortTakenByAnotherSocket(UdpTransport transport, CapturedOutput output)
			throws IOException {
		try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			NettyUdpInboundChannelAdapter adapter = loopbackOn(transport, other.getLocalPort());
			this.flows.echo(adapter);
			assertThat(adapter.isRunning()).isTrue();
			assertThat(adapter.isListening()).isFalse();
			assertThat(adapter.failure()).hasValueSatisfying((failure) -> assertThat(failure).contains("Address already in use"));
			assertThat(adapter.getPort()).isEqualTo(other.getLocalPort());
			// One line for the operator, no stack trace.
			assertThat(output).contains("udp: cannot bind 127.0.0.1:" + other.getLocalPort()).doesNotContain("\tat ");
		}
	}

	/** A second server with SO_REUSEPORT would otherwise share the port and take a part of the peers. */
	@ParameterizedTest
	@EnumSource(value = UdpTransport.class, names = "EPOLL")
	void refusesToShareItsPortWithASecondServer(UdpTransport transport) {
		NettyUdpInboundChannelAdapter first = loopback(transport);
		first.setSocketCount(2);
		this.flows.echo(first);
		assertThat(first.isListening()).isTrue();
		NettyUdpInboundChannelAdapter second = loopbackOn(transport, first.getPort());
		second.setSocketCount(2);
		this.flows.echo(second);
		assertThat(second.isListening()).isFalse();
		assertThat(second.failure()).hasValueSatisfying((failure) -> assertThat(failure).contains("Address already in use"));
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void closesOnStopAndBindsThePortAgainOnStart(UdpTransport transport) throws IOException {
		NettyUdpInboundChannelAdapter first = loopback(transport);
		this.flows.echo(first);
		int port = first.getPort();
		first.stop();
		// The port is free again: a server configured with it binds it.
		NettyUdpInboundChannelAdapter adapter = loopbackOn(transport, port);
		UdpEchoFlows.Echo echo = this.flows.echo(adapter);
		try (DatagramSocket client = client()) {
			assertThat(exchange(client, "one".getBytes(), echo.at("127.0.0.1"))).isEqualTo("one".getBytes());
			Message<?> request = echo.seen().receive(0);
			adapter.stop();
			assertThat(adapter.isListening()).isFalse();
			assertThat(adapter.getPort()).isEqualTo(port);
			client.setSoTimeout(300);
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> exchange(client, "while stopped".getBytes(), echo.at("127.0.0.1")));
			// A late reply is dropped, loudly, rather than sent from a new socket.
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> echo.replies().handleMessage(request))
				.withMessageContaining("UDP socket closed (adapter stopped)");
			adapter.start();
			assertThat(adapter.isListening()).isTrue();
			assertThat(adapter.failure()).isEmpty();
			assertThat(adapter.getPort()).isEqualTo(port);
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			assertThat(exchange(client, "two".getBytes(), echo.at("127.0.0.1"))).isEqualTo("two".getBytes());
			// The reply to the datagram of before the restart still does not leave from the new socket.
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> echo.replies().handleMessage(request));
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void listensOnAPortOfItsOwnWhenGivenZero(UdpTransport transport) throws IOException {
		NettyUdpInboundChannelAdapter adapter = loopback(transport);
		assertThat(adapter.getPort()).isZero();
		this.flows.echo(adapter);
		assertThat(adapter.getPort()).isPositive();
		assertThat(adapter.isNativeTransport()).isEqualTo(transport == UdpTransport.EPOLL);
		try (DatagramSocket client = client()) {
			client.send(new DatagramPacket(new byte[] { 7 }, 1, new InetSocketAddress("127.0.0.1", adapter.getPort())));
			assertThat(NettyUdpAdapterTests.bytes(NettyUdpAdapterTests.receive(client))).containsExactly(7);
		}
	}

	static NettyUdpInboundChannelAdapter loopbackOn(UdpTransport transport, int port) {
		NettyUdpInboundChannelAdapter adapter = transport.adapter(port);
		adapter.setLocalAddress(InetAddress.getLoopbackAddress());
		return adapter;
	}

}
