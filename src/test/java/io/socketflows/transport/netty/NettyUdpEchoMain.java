package io.socketflows.transport.netty;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * A UDP echo on the Netty adapters, for the load generator: {@code java NettyUdpEchoMain PORT [SOCKETS]}
 * ({@code SOCKETS} 0 for the adapter's default). The flow is the udp service's, without the service.
 */
final class NettyUdpEchoMain {

	private NettyUdpEchoMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.setProperty("udp.port", args[0]);
		System.setProperty("udp.sockets", (args.length > 1) ? args[1] : "0");
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
			NettyUdpInboundChannelAdapter adapter = context.getBean(NettyUdpInboundChannelAdapter.class);
			System.out.println("netty udp echo on " + adapter.getLocalAddress() + ":" + adapter.getPort() + ", "
					+ adapter.getSocketCount() + " socket(s), " + (adapter.isNativeTransport() ? "epoll" : "nio")
					+ adapter.failure().map((failure) -> ", FAILED: " + failure).orElse(""));
			new CountDownLatch(1).await();
		}
	}

	/** Not a {@code @Configuration}: the application's component scan, which reaches the test classes, must not pick it up. */
	@EnableIntegration
	static class Config {

		@Bean
		NettyUdpInboundChannelAdapter udpServer() {
			NettyUdpInboundChannelAdapter adapter = new NettyUdpInboundChannelAdapter(Integer.getInteger("udp.port"));
			adapter.setLocalAddress(InetAddress.getLoopbackAddress());
			adapter.setSocketCount(Integer.getInteger("udp.sockets"));
			return adapter;
		}

		@Bean
		IntegrationFlow udpEchoServerFlow(NettyUdpInboundChannelAdapter udpServer) {
			return IntegrationFlow.from(udpServer).handle(new NettyUdpOutboundHandler(udpServer)).get();
		}

	}

}
