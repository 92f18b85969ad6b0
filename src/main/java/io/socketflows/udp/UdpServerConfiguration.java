package io.socketflows.udp;

import io.socketflows.support.SocketsProperties;
import io.socketflows.support.UdpSocketListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Udp;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * The UDP server: {@code client -> udp:3000 -> udpReplyServerFlow -> reply from udp:3000 to the sender}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sockets.udp.enabled", matchIfMissing = true)
class UdpServerConfiguration {

	/** The largest UDP payload over IPv6 (65,535 minus the 8-byte header); IPv4 allows 65,507. */
	static final int MAX_DATAGRAM_SIZE = 65_527;

	@Bean
	UdpSocketListener udpListener(SocketsProperties sockets) {
		return new UdpSocketListener("udp", sockets.bindAddress(), sockets.udp().port());
	}

	/**
	 * The adapter's default 2,048-byte buffer would cut longer datagrams silently. No acknowledgement
	 * addresses are trusted, so a payload starting with {@code ip_ackTo=} is just data.
	 */
	@Bean
	UnicastReceivingChannelAdapter udpServer(UdpSocketListener udpListener) {
		UnicastReceivingChannelAdapter adapter = udpListener.adapter();
		adapter.setReceiveBufferSize(MAX_DATAGRAM_SIZE);
		adapter.setLookupHost(false);
		return adapter;
	}

	/**
	 * Replies leave through the socket the datagram arrived on, so they come from the address and port the
	 * client sent to: a connected client socket, a NAT or a Kubernetes Service would drop any other.
	 */
	@Bean
	IntegrationFlow udpReplyServerFlow(UnicastReceivingChannelAdapter udpServer, UdpSocketListener udpListener,
			UdpService udpService) {
		return IntegrationFlow.from(udpServer)
			.handle(byte[].class, udpService::answer, e -> e.id("udpReplyActivator"))
			.handle(Udp.outboundAdapter(m -> m.getHeaders().get(IpHeaders.PACKET_ADDRESS))
				.socketFunction(m -> udpListener.replySocket()
					.orElseThrow(() -> new IllegalStateException("udp stopped: reply dropped"))), e -> e.id("udpReplyAdapter").advice(udpService.replyMetrics()))
			.get();
	}

}
