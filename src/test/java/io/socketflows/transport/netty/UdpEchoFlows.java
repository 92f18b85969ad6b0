package io.socketflows.transport.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.support.MessageBuilder;

/**
 * Echo flows on the Netty adapters, as the udp service will wire them, registered into the test's context
 * and removed after each test.
 */
final class UdpEchoFlows implements AutoCloseable {

	private final IntegrationFlowContext flows;

	private final List<IntegrationFlowRegistration> registrations = new ArrayList<>();

	UdpEchoFlows(IntegrationFlowContext flows) {
		this.flows = flows;
	}

	/** {@code adapter -> (seen) -> reply handler}: every datagram goes back whole to its sender. */
	Echo echo(NettyUdpInboundChannelAdapter adapter) {
		NettyUdpOutboundHandler replies = new NettyUdpOutboundHandler(adapter);
		QueueChannel seen = new QueueChannel();
		this.registrations.add(this.flows.registration(IntegrationFlow.from(adapter).wireTap(seen).handle(replies).get())
			.register());
		return new Echo(adapter, replies, seen);
	}

	/** {@code adapter -> (seen) -> answer -> reply handler}: every datagram is answered with {@code answer}. */
	Echo reply(NettyUdpInboundChannelAdapter adapter, byte[] answer) {
		NettyUdpOutboundHandler replies = new NettyUdpOutboundHandler(adapter);
		QueueChannel seen = new QueueChannel();
		this.registrations.add(this.flows.registration(IntegrationFlow.from(adapter)
			.wireTap(seen)
			.handle(byte[].class, (payload, headers) -> MessageBuilder.withPayload(answer).copyHeaders(headers).build())
			.handle(replies)
			.get()).register());
		return new Echo(adapter, replies, seen);
	}

	@Override
	public void close() {
		this.registrations.forEach(IntegrationFlowRegistration::destroy);
	}

	/** An echo flow's parts: what it received is in {@code seen}. */
	record Echo(NettyUdpInboundChannelAdapter adapter, NettyUdpOutboundHandler replies, QueueChannel seen) {

		InetSocketAddress at(String host) throws java.net.UnknownHostException {
			return new InetSocketAddress(InetAddress.getByName(host), this.adapter.getPort());
		}

	}

	/**
	 * A context with Spring Integration and nothing else. Not a {@code @Configuration}: the application's
	 * component scan, which reaches the test classes, must not pick it up.
	 */
	@EnableIntegration
	static class Config {

	}

}
