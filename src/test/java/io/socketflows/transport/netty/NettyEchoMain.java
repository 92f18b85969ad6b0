package io.socketflows.transport.netty;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import io.socketflows.support.Framing;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;

/**
 * The echo flow of issue 9 on the Netty factory, for the load generator: {@code java NettyEchoMain PORT [counting]};
 * {@code counting} wraps every connection in an interceptor that counts bytes, as the ops code does.
 */
final class NettyEchoMain {

	private NettyEchoMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.setProperty("echo.port", args[0]);
		System.setProperty("echo.counting", String.valueOf(args.length > 1 && args[1].equals("counting")));
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Echo.class)) {
			NettyTcpServerConnectionFactory server = context.getBean(NettyTcpServerConnectionFactory.class);
			System.out.println("netty-tcp echo (" + server.getTransport() + ") on port " + server.getPort());
			new CountDownLatch(1).await();
		}
	}

	/** Inbound adapter to outbound adapter, raw framing as the echo service's default. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableIntegration
	static class Echo {

		@Bean
		NettyTcpServerConnectionFactory tcpEchoServer(ApplicationEventPublisher publisher) {
			NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(
					Integer.getInteger("echo.port"));
			server.setFraming(Framing.RAW, Integer.getInteger("echo.buffer-size", 8192), 65536);
			if (Boolean.getBoolean("echo.counting")) {
				TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
				chain.setInterceptor(() -> new Counting(publisher));
				server.setInterceptorFactoryChain(chain);
			}
			return server;
		}

		@Bean
		IntegrationFlow tcpEchoServerFlow(NettyTcpServerConnectionFactory tcpEchoServer) {
			return IntegrationFlow.from(Tcp.inboundAdapter(tcpEchoServer))
				.handle(Tcp.outboundAdapter(tcpEchoServer))
				.get();
		}

	}

	/** Counts the payload bytes each way. */
	static final class Counting extends TcpConnectionInterceptorSupport {

		static final LongAdder in = new LongAdder();

		static final LongAdder out = new LongAdder();

		static final LongAdder messages = new LongAdder();

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("messages in " + messages.sum()
					+ ", bytes in " + in.sum() + ", bytes out " + out.sum())));
		}

		Counting(ApplicationEventPublisher publisher) {
			super(publisher);
		}

		@Override
		public void onMessage(Message<?> message) {
			messages.increment();
			in.add(((byte[]) message.getPayload()).length);
			super.onMessage(message);
		}

		@Override
		public void send(Message<?> message) {
			super.send(message);
			out.add(((byte[]) message.getPayload()).length);
		}

	}

}
