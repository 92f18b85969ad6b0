package io.socketflows.transport.netty;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.ip.udp.DatagramPacketMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapters extend Spring Integration's {@code MessageProducerSupport} and {@code AbstractMessageHandler}
 * (protected API: {@code doStart}, {@code doStop}, {@code sendMessage}, {@code handleMessageInternal}) and
 * mimic its UDP mapper's headers: these fail loudly when an upgrade changes either.
 */
@SpringJUnitConfig(UdpEchoFlows.Config.class)
class SpringIntegrationUdpApiTests {

	@Autowired
	IntegrationFlowContext flowContext;

	UdpEchoFlows flows;

	@AfterEach
	void removeFlows() {
		if (this.flows != null) {
			this.flows.close();
		}
	}

	@Test
	void runsOnTheSpringIntegrationVersionTheAdaptersWereWrittenFor() {
		assertThat(MessageProducerSupport.class.getPackage().getImplementationVersion())
			.as("io.socketflows.transport builds on Spring Integration 7.0's protected API: check NettyUdp* "
					+ "against the new version, then change this test")
			.startsWith("7.0.");
	}

	@Test
	void givesTheHeadersSpringIntegrationsUdpMapperGives() throws IOException {
		DatagramPacketMessageMapper mapper = new DatagramPacketMessageMapper();
		mapper.setLookupHost(false);
		Message<byte[]> expected = mapper.toMessage(
				new DatagramPacket(new byte[] { 1 }, 1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
		this.flows = new UdpEchoFlows(this.flowContext);
		UdpEchoFlows.Echo echo = this.flows.echo(NettyUdpAdapterTests.loopback(UdpTransport.NIO));
		try (DatagramSocket client = NettyUdpAdapterTests.client()) {
			NettyUdpAdapterTests.exchange(client, new byte[] { 1 }, echo.at("127.0.0.1"));
		}
		Set<String> ours = new HashSet<>(echo.seen().receive(0).getHeaders().keySet());
		assertThat(ours.remove(NettyUdpInboundChannelAdapter.RECEIVING_CHANNEL)).isTrue();
		assertThat(ours).as("headers of Spring Integration's DatagramPacketMessageMapper")
			.isEqualTo(expected.getHeaders().keySet());
	}

}
