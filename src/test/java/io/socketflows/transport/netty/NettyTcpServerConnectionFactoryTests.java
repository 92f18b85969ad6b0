package io.socketflows.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.socketflows.support.Framing;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RequiresIpv6;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.ip.tcp.serializer.TcpDeserializationExceptionEvent;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringJUnitConfig(TransportTestConfiguration.class)
class NettyTcpServerConnectionFactoryTests {

	private static final int TIMEOUT = (int) Listeners.TIMEOUT.toMillis();

	@Autowired
	IntegrationFlowContext flows;

	@Autowired
	TransportTestConfiguration.Events events;

	@Autowired
	ApplicationEventPublisher publisher;

	private final List<IntegrationFlowRegistration> registrations = new ArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@org.junit.jupiter.api.BeforeEach
	void forgetEvents() {
		this.events.seen.clear();
	}

	@AfterEach
	void stopServers() throws Exception {
		this.registrations.forEach(IntegrationFlowRegistration::destroy);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void echoesOneMegabyteOfPipelinedRandomWritesByteExactOnEpollAndNio(boolean epoll) throws Exception {
		NettyEventLoops loops = new NettyEventLoops(2, epoll);
		this.closeables.add(loops);
		NettyTcpServerConnectionFactory server = echoServer(new NettyTcpServerConnectionFactory(0, loops), Framing.RAW);
		assertThat(server.getTransport()).isEqualTo(epoll && io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
		byte[] sent = new byte[1 << 20];
		Random random = new Random(1);
		random.nextBytes(sent);
		try (Socket client = connect(server)) {
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					OutputStream out = client.getOutputStream();
					for (int offset = 0; offset < sent.length;) {
						int chunk = Math.min(1 + random.nextInt(20_000), sent.length - offset);
						out.write(sent, offset, chunk);
						offset += chunk;
					}
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			byte[] echoed = client.getInputStream().readNBytes(sent.length);
			writer.get(TIMEOUT, TimeUnit.MILLISECONDS);
			assertThat(echoed).isEqualTo(sent);
		}
	}

	/**
	 * A connection keeps its first sender itself and any others in Spring Integration's list: each learns of the
	 * connection when it opens and forgets it when it closes, in the order they registered.
	 */
	@Test
	void everySenderLearnsOfEachConnectionAndForgetsItOnClose() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		RecordingSender first = new RecordingSender();
		RecordingSender second = new RecordingSender();
		server.registerSender(first);
		server.registerSender(second);
		echoServer(server, Framing.RAW);
		try (Socket client = connect(server)) {
			client.getOutputStream().write('x');
			assertThat(client.getInputStream().read()).isEqualTo('x');
			NettyTcpConnection connection = onlyConnection(server);
			assertThat(first.open).containsExactly(connection);
			assertThat(second.open).containsExactly(connection);
			assertThat(connection.getSender()).isSameAs(first);
			assertThat(connection.getSenders()).hasSize(3).startsWith(first, second);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> first.open.isEmpty() && second.open.isEmpty());
		assertThat(server.getOpenConnectionIds()).isEmpty();
	}

	/** Through an interceptor, the senders know the interceptor, and forget it when the connection closes. */
	@Test
	void sendersOfAnInterceptedConnectionForgetItsInterceptorOnClose() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		CountingInterceptor.Factory counting = countingInterceptors(server);
		RecordingSender sender = new RecordingSender();
		server.registerSender(sender);
		echoServer(server, Framing.RAW);
		try (Socket client = connect(server)) {
			client.getOutputStream().write('x');
			assertThat(client.getInputStream().read()).isEqualTo('x');
			assertThat(sender.open).containsExactly(counting.created.get(0));
		}
		await().atMost(Listeners.TIMEOUT).until(sender.open::isEmpty);
	}

	/** Wraps each of the server's connections in a {@link CountingInterceptor}. */
	private CountingInterceptor.Factory countingInterceptors(NettyTcpServerConnectionFactory server) {
		CountingInterceptor.Factory counting = new CountingInterceptor.Factory(this.publisher);
		TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
		chain.setInterceptor(counting);
		server.setInterceptorFactoryChain(chain);
		return counting;
	}

	/** The connections a sender was told of, less those it was told are dead. */
	private static final class RecordingSender implements TcpSender {

		final Set<TcpConnection> open = ConcurrentHashMap.newKeySet();

		@Override
		public void addNewConnection(TcpConnection connection) {
			this.open.add(connection);
		}

		@Override
		public void removeDeadConnection(TcpConnection connection) {
			this.open.remove(connection);
		}

	}

	@Test
	void cutsRawReadsToTheBufferSizeAsSuccessiveReadsWould() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		server.setFraming(Framing.RAW, 16, 2048);
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(Tcp.inboundAdapter(server)).channel(received).get(), server);
		byte[] sent = new byte[1000];
		new Random(5).nextBytes(sent);
		ByteArrayOutputStream messages = new ByteArrayOutputStream();
		try (Socket client = connect(server)) {
			client.getOutputStream().write(sent);
			while (messages.size() < sent.length) {
				byte[] payload = (byte[]) received.receive(TIMEOUT).getPayload();
				assertThat(payload.length).isBetween(1, 16);
				messages.write(payload);
			}
		}
		assertThat(messages.toByteArray()).isEqualTo(sent);
	}

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void answersOnTheWireAsSpringIntegrationsOwnFactory(Framing framing) throws Exception {
		Framing.Codec codec = framing.codec(64, 64);
		ByteArrayOutputStream input = new ByteArrayOutputStream();
		for (String frame : new String[] { "one", "", "t\rwo", "x".repeat(60), "last" }) {
			codec.serializer().serialize(frame.getBytes(StandardCharsets.ISO_8859_1), input);
		}
		TcpNetServerConnectionFactory spring = Tcp.netServer(0).serializer(codec.serializer())
			.deserializer(codec.deserializer()).lookupHost(false).getObject();
		NettyTcpServerConnectionFactory netty = new NettyTcpServerConnectionFactory(0);
		netty.setFraming(framing, 64, 64);
		echo(spring);
		echo(netty);
		byte[] expected = exchange(spring, input.toByteArray(), false);
		assertThat(expected).isNotEmpty();
		assertThat(exchange(netty, input.toByteArray(), false)).as("coalesced").isEqualTo(expected);
		assertThat(exchange(netty, input.toByteArray(), true)).as("byte by byte").isEqualTo(expected);
	}

	@Test
	void halfClosedClientGetsEveryEchoThenTheClose() throws IOException {
		NettyTcpServerConnectionFactory server = echoServer(new NettyTcpServerConnectionFactory(0), Framing.CRLF);
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < 2_000; i++) {
			lines.append("line ").append(i).append("\r\n");
		}
		byte[] sent = lines.toString().getBytes(StandardCharsets.US_ASCII);
		try (Socket client = connect(server)) {
			client.getOutputStream().write(sent);
			client.shutdownOutput();
			assertThat(client.getInputStream().readAllBytes()).isEqualTo(sent);
		}
		await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().isEmpty());
	}

	@Test
	void twoThousandConcurrentConnectionsEachGetTheirEcho() throws IOException {
		NettyTcpServerConnectionFactory server = echoServer(new NettyTcpServerConnectionFactory(0), Framing.LF);
		List<Socket> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 2_000; i++) {
				clients.add(connect(server));
			}
			for (int i = 0; i < clients.size(); i++) {
				clients.get(i).getOutputStream().write(("client " + i + "\n").getBytes(StandardCharsets.US_ASCII));
			}
			await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().size() == 2_000);
			for (int i = 0; i < clients.size(); i++) {
				byte[] expected = ("client " + i + "\n").getBytes(StandardCharsets.US_ASCII);
				assertThat(clients.get(i).getInputStream().readNBytes(expected.length)).isEqualTo(expected);
			}
		}
		finally {
			for (Socket client : clients) {
				client.close();
			}
		}
	}

	/**
	 * Echoes of 96 KiB requests pass Netty's 64 KiB high water mark within each read burst and leave at its flush:
	 * reading goes on without a pause (each pause and resume costs two epoll_ctl calls). Netty asks the pipeline to
	 * read once after each read burst; a resume would ask once more, which is what this counts.
	 */
	@Test
	void repliesThatLeaveAtTheBurstsFlushDoNotPauseReading() throws Exception {
		NettyTcpServerConnectionFactory server = echoServer(new NettyTcpServerConnectionFactory(0), Framing.RAW);
		byte[] request = new byte[96 * 1024];
		new Random(7).nextBytes(request);
		try (Socket client = new Socket()) {
			// Room for a whole echo: the server's flush never waits for this client.
			client.setReceiveBufferSize(1 << 20);
			client.connect(new InetSocketAddress("127.0.0.1", Listeners.port(server)));
			client.setSoTimeout(TIMEOUT);
			await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().size() == 1);
			AtomicInteger reads = new AtomicInteger();
			AtomicInteger bursts = new AtomicInteger();
			AtomicInteger passedTheMark = new AtomicInteger();
			ChannelDuplexHandler counter = new ChannelDuplexHandler() {

				@Override
				public void read(ChannelHandlerContext ctx) {
					reads.incrementAndGet();
					ctx.read();
				}

				@Override
				public void channelReadComplete(ChannelHandlerContext ctx) {
					bursts.incrementAndGet();
					ctx.fireChannelReadComplete();
				}

				@Override
				public void channelWritabilityChanged(ChannelHandlerContext ctx) {
					if (!ctx.channel().isWritable()) {
						passedTheMark.incrementAndGet();
					}
					ctx.fireChannelWritabilityChanged();
				}

			};
			// Added on the event loop, and waited for: added from another thread, it would miss what the loop does
			// before its handlerAdded task runs (see NettyUdpAdapterTests).
			Channel channel = onlyConnection(server).channel();
			channel.eventLoop().submit(() -> channel.pipeline().addFirst(counter)).sync();
			for (int i = 0; i < 50; i++) {
				client.getOutputStream().write(request);
				assertThat(client.getInputStream().readNBytes(request.length)).isEqualTo(request);
			}
			assertThat(passedTheMark.get()).as("replies passed the high water mark").isPositive();
			// The last burst's read comes just after its echo left: wait for it.
			await().atMost(Listeners.TIMEOUT).untilAsserted(() -> assertThat(reads.get())
				.as("reads asked for, one per burst of %d (more: reading paused and resumed)", bursts.get())
				.isEqualTo(bursts.get()));
		}
	}

	@Test
	void clientThatNeverReadsCannotGrowTheServersBuffersAndIsReadAgainOnceItDrains() throws Exception {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		echoServer(server, Framing.RAW);
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		Random random = new Random(3);
		try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.getPort()))) {
			client.configureBlocking(false);
			await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().size() == 1);
			NettyTcpConnection connection = onlyConnection(server);
			ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
			// Write whatever the sockets take until the server stops reading and they take nothing more.
			await().atMost(Listeners.TIMEOUT).pollInterval(java.time.Duration.ofMillis(5)).until(() -> {
				int written;
				do {
					random.nextBytes(chunk.array());
					written = client.write(chunk.clear());
					sent.write(chunk.array(), 0, written);
				}
				while (written > 0 && sent.size() < 256 << 20);
				return connection.isReadPaused();
			});
			assertThat(sent.size()).as("the client was stopped").isLessThan(256 << 20);
			// A read burst stops beyond twice Netty's high water mark (2 x 64 KiB), plus the one read (at most
			// 64 KiB) whose echo crossed it: reading stopped there.
			assertThat(connection.pendingWriteBytes()).isLessThanOrEqualTo(2 * 64 * 1024 + 64 * 1024);
			client.configureBlocking(true);
			client.shutdownOutput();
			ByteArrayOutputStream echoed = new ByteArrayOutputStream();
			ByteBuffer in = ByteBuffer.allocate(64 * 1024);
			while (client.read(in.clear()) >= 0) {
				echoed.write(in.array(), 0, in.position());
			}
			assertThat(echoed.toByteArray()).isEqualTo(sent.toByteArray());
		}
	}

	/**
	 * The client sends once, then only reads, slowly: its echo waits in the server's own buffer and leaves bit by
	 * bit for six idle timeouts. Bytes leaving are traffic; once they are all gone, silence closes the connection.
	 */
	@Test
	void repliesStillLeavingForASlowReaderAreTrafficThenSilenceClosesTheConnection() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		// Everything sent (below Netty's high water mark) is read at once and its echo queues in the server: only
		// the output moves afterwards.
		server.setSoSendBufferSize(4096);
		server.setIdleTimeout(java.time.Duration.ofMillis(500));
		echoServer(server, Framing.RAW);
		byte[] sent = new byte[60 * 1024];
		new Random(5).nextBytes(sent);
		try (Socket client = new Socket()) {
			client.setReceiveBufferSize(4096);
			client.connect(new InetSocketAddress("127.0.0.1", server.getPort()));
			client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
			client.getOutputStream().write(sent);
			await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().size() == 1);
			NettyTcpConnection connection = onlyConnection(server);
			await().atMost(Listeners.TIMEOUT).until(() -> connection.pendingWriteBytes() > sent.length / 2);
			InputStream in = client.getInputStream();
			ByteArrayOutputStream echoed = new ByteArrayOutputStream();
			byte[] buffer = new byte[1024];
			// 1 KiB every 50 ms: about 3 s for the whole echo.
			while (echoed.size() < sent.length) {
				int read = in.read(buffer);
				assertThat(read).as("cut off after %d bytes while its echo was leaving", echoed.size()).isPositive();
				echoed.write(buffer, 0, read);
				await().pollDelay(java.time.Duration.ofMillis(50)).until(() -> true);
			}
			assertThat(echoed.toByteArray()).isEqualTo(sent);
			assertThat(in.read()).as("closed once nothing moved for the idle timeout").isEqualTo(-1);
		}
	}

	@Test
	void publishesEventsThroughInterceptorsAndClosesAConnectionById() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		CountingInterceptor.Factory counting = countingInterceptors(server);
		QueueChannel received = new QueueChannel();
		server.setFraming(Framing.CRLF, 2048, 2048);
		register(IntegrationFlow.from(Tcp.inboundAdapter(server)).wireTap(received).handle(Tcp.outboundAdapter(server))
			.get(), server);
		try (Socket client = connect(server)) {
			client.getOutputStream().write("hello\r\nworld\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.getInputStream().readNBytes(14)).isEqualTo("hello\r\nworld\r\n".getBytes());
			Message<?> message = received.receive(TIMEOUT);
			String id = (String) message.getHeaders().get(IpHeaders.CONNECTION_ID);
			assertThat(message.getHeaders()).containsEntry(IpHeaders.IP_ADDRESS, "127.0.0.1")
				.containsEntry(IpHeaders.HOSTNAME, "127.0.0.1")
				.containsEntry(IpHeaders.REMOTE_PORT, client.getLocalPort())
				.containsEntry(IpHeaders.LOCAL_ADDRESS, InetAddress.getByName("127.0.0.1"));
			assertThat(message.getPayload()).isEqualTo("hello".getBytes());
			Message<?> second = received.receive(TIMEOUT);
			assertThat(second.getHeaders().getId()).as("each message its own id")
				.isNotNull()
				.isNotEqualTo(message.getHeaders().getId());
			assertThat(second.getHeaders().get(IpHeaders.CONNECTION_ID)).isEqualTo(id);
			assertThat(server.getOpenConnectionIds()).containsExactly(id);
			CountingInterceptor interceptor = counting.created.get(0);
			assertThat(interceptor.messagesIn.get()).isEqualTo(2);
			assertThat(interceptor.messagesOut.get()).isEqualTo(2);
			assertThat(this.events.of(TcpConnectionOpenEvent.class)).singleElement()
				.satisfies(open -> assertThat(open.getSource()).isSameAs(interceptor));
			assertThat(server.closeConnection(id)).isTrue();
			assertThat(client.getInputStream().read()).isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).until(() -> !this.events.of(TcpConnectionCloseEvent.class).isEmpty());
			assertThat(this.events.of(TcpConnectionCloseEvent.class)).singleElement()
				.satisfies(close -> assertThat(close.getSource()).isSameAs(interceptor));
			assertThat(server.getOpenConnectionIds()).isEmpty();
			assertThat(server.closeConnection(id)).isFalse();
		}
	}

	@Test
	void closesTheConnectionOfAnOversizedFrameWithTheEventsSpringIntegrationPublishes() throws IOException {
		NettyTcpServerConnectionFactory server = echoServer(new NettyTcpServerConnectionFactory(0), Framing.CRLF);
		server.stop();
		server.setFraming(Framing.CRLF, 100, 100);
		server.start();
		try (Socket client = connect(server); Socket bystander = connect(server)) {
			client.getOutputStream().write("fits\r\n".getBytes(StandardCharsets.US_ASCII));
			client.getOutputStream().write(new byte[500]);
			assertThat(client.getInputStream().readNBytes(6)).as("the frame before").isEqualTo("fits\r\n".getBytes());
			assertThat(readOrReset(client.getInputStream())).as("then closed").isEqualTo(-1);
			bystander.getOutputStream().write("still here\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(bystander.getInputStream().readNBytes(12)).isEqualTo("still here\r\n".getBytes());
		}
		assertThat(this.events.of(TcpDeserializationExceptionEvent.class)).singleElement()
			.satisfies(event -> assertThat(event.getCause()).hasMessageContaining("max message length: 100"));
		assertThat(this.events.of(TcpConnectionExceptionEvent.class)).singleElement()
			.satisfies(event -> assertThat(event.getCause()).isInstanceOf(IOException.class));
	}

	@Test
	void inboundGatewayWithSingleUseClosesOnceTheReplyIsWritten() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		server.setFraming(Framing.RAW, 2048, 2048);
		server.setSingleUse(true);
		register(IntegrationFlow.from(Tcp.inboundGateway(server))
			.transform(byte[].class, (request) -> ("ACK " + new String(request, StandardCharsets.UTF_8)))
			.get(), server);
		for (int i = 0; i < 3; i++) {
			try (Socket client = connect(server)) {
				client.getOutputStream().write(("request " + i).getBytes(StandardCharsets.UTF_8));
				assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("ACK request " + i);
			}
		}
		await().atMost(Listeners.TIMEOUT).until(() -> server.getOpenConnectionIds().isEmpty());
	}

	@Test
	void repliesLaterToAConnectionById() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		server.setFraming(Framing.LF, 2048, 2048);
		QueueChannel inbox = new QueueChannel();
		register(IntegrationFlow.from(Tcp.inboundAdapter(server)).channel(inbox).get(), server);
		IntegrationFlowRegistration replies = register(
				(flow) -> flow.handle(Tcp.outboundAdapter(server)), null);
		MessageChannel replyChannel = replies.getInputChannel();
		try (Socket alice = connect(server); Socket bob = connect(server)) {
			alice.getOutputStream().write("I am alice\n".getBytes(StandardCharsets.UTF_8));
			Message<?> fromAlice = inbox.receive(TIMEOUT);
			bob.getOutputStream().write("I am bob\n".getBytes(StandardCharsets.UTF_8));
			Message<?> fromBob = inbox.receive(TIMEOUT);
			replyChannel.send(MessageBuilder.withPayload("hello bob")
				.setHeader(IpHeaders.CONNECTION_ID, fromBob.getHeaders().get(IpHeaders.CONNECTION_ID)).build());
			replyChannel.send(MessageBuilder.withPayload("hello alice".getBytes(StandardCharsets.UTF_8))
				.setHeader(IpHeaders.CONNECTION_ID, fromAlice.getHeaders().get(IpHeaders.CONNECTION_ID)).build());
			alice.setSoTimeout(TIMEOUT);
			assertThat(alice.getInputStream().readNBytes(12)).isEqualTo("hello alice\n".getBytes());
			assertThat(bob.getInputStream().readNBytes(10)).isEqualTo("hello bob\n".getBytes());
		}
	}

	@Test
	void failsToBindATakenPortWithTheServerExceptionEvent() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
			NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(taken.getLocalPort());
			server.setLocalAddress("127.0.0.1");
			register(IntegrationFlow.from(Tcp.inboundAdapter(server)).nullChannel(), server);
			assertThat(server.isListening()).isFalse();
			assertThat(server.isRunning()).isFalse();
			assertThat(this.events.of(TcpConnectionServerExceptionEvent.class)).singleElement()
				.satisfies(event -> assertThat(event.getSource()).isSameAs(server));
			assertThat(this.events.of(TcpConnectionServerListeningEvent.class)).isEmpty();
		}
	}

	@Test
	@RequiresIpv6
	void servesTheIpv6Loopback() throws IOException {
		NettyTcpServerConnectionFactory server = new NettyTcpServerConnectionFactory(0);
		server.setLocalAddress("::1");
		QueueChannel received = new QueueChannel();
		server.setFraming(Framing.CRLF, 2048, 2048);
		register(IntegrationFlow.from(Tcp.inboundAdapter(server)).wireTap(received).handle(Tcp.outboundAdapter(server))
			.get(), server);
		try (Socket client = new Socket("::1", Listeners.port(server))) {
			client.setSoTimeout(TIMEOUT);
			client.getOutputStream().write("over six\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.getInputStream().readNBytes(10)).isEqualTo("over six\r\n".getBytes());
		}
		assertThat(received.receive(TIMEOUT).getHeaders()).containsEntry(IpHeaders.IP_ADDRESS, "0:0:0:0:0:0:0:1");
	}

	@Test
	void refusesNewClientsBeforeShutdownServesOpenOnesAndRestarts() throws IOException {
		NettyTcpServerConnectionFactory server = echoServer(new NettyTcpServerConnectionFactory(0), Framing.CRLF);
		int port = server.getPort();
		try (Socket open = connect(server)) {
			open.getOutputStream().write("before\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(open.getInputStream().readNBytes(8)).isEqualTo("before\r\n".getBytes());
			server.beforeShutdown();
			try (Socket late = connect(server)) {
				late.getOutputStream().write("late\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(readOrReset(late.getInputStream())).isEqualTo(-1);
			}
			open.getOutputStream().write("after\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(open.getInputStream().readNBytes(7)).isEqualTo("after\r\n".getBytes());
			server.stop();
			assertThat(server.isListening()).isFalse();
			assertThat(readOrReset(open.getInputStream())).isEqualTo(-1);
		}
		server.setPort(port);
		server.start();
		assertThat(server.isListening()).isTrue();
		try (Socket again = connect(server)) {
			again.getOutputStream().write("again\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(again.getInputStream().readNBytes(7)).isEqualTo("again\r\n".getBytes());
		}
		assertThat(this.events.of(TcpConnectionServerListeningEvent.class)).hasSize(2);
	}

	private NettyTcpServerConnectionFactory echoServer(NettyTcpServerConnectionFactory server, Framing framing) {
		server.setFraming(framing, 2048, 2048);
		echo(server);
		Listeners.port(server);
		return server;
	}

	/** The echo flow of the issue: inbound adapter, outbound adapter, the connection id between them. */
	private void echo(AbstractServerConnectionFactory server) {
		register(IntegrationFlow.from(Tcp.inboundAdapter(server)).handle(Tcp.outboundAdapter(server)).get(), server);
		Listeners.port(server);
	}

	private IntegrationFlowRegistration register(IntegrationFlow flow, AbstractServerConnectionFactory server) {
		IntegrationFlowContext.IntegrationFlowRegistrationBuilder builder = this.flows.registration(flow);
		if (server != null) {
			builder.addBean(server);
		}
		IntegrationFlowRegistration registration = builder.register();
		this.registrations.add(registration);
		return registration;
	}

	private static byte[] exchange(AbstractServerConnectionFactory server, byte[] input, boolean byteByByte)
			throws IOException {
		try (Socket client = connect(server)) {
			client.setTcpNoDelay(true);
			OutputStream out = client.getOutputStream();
			if (byteByByte) {
				for (byte b : input) {
					out.write(b);
				}
			}
			else {
				out.write(input);
			}
			client.shutdownOutput();
			return client.getInputStream().readAllBytes();
		}
	}

	private static NettyTcpConnection onlyConnection(NettyTcpServerConnectionFactory server) {
		String id = server.getOpenConnectionIds().get(0);
		return server.connection(id);
	}

	private static Socket connect(AbstractServerConnectionFactory server) throws IOException {
		Socket socket = new Socket("127.0.0.1", Listeners.port(server));
		socket.setSoTimeout(TIMEOUT);
		return socket;
	}

	/** A close with unread input may come as a reset rather than an end of stream: both are a close. */
	private static int readOrReset(InputStream in) {
		try {
			return in.read();
		}
		catch (java.net.SocketException ex) {
			return -1;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Counts messages each way, as the ops code's interceptor does. */
	static final class CountingInterceptor extends TcpConnectionInterceptorSupport {

		final AtomicInteger messagesIn = new AtomicInteger();

		final AtomicInteger messagesOut = new AtomicInteger();

		CountingInterceptor(ApplicationEventPublisher publisher) {
			super(publisher);
		}

		@Override
		public void onMessage(Message<?> message) {
			this.messagesIn.incrementAndGet();
			super.onMessage(message);
		}

		@Override
		public void send(Message<?> message) {
			super.send(message);
			this.messagesOut.incrementAndGet();
		}

		/** Keeps what it made, for the test to look at. */
		record Factory(ApplicationEventPublisher publisher, List<CountingInterceptor> created)
				implements TcpConnectionInterceptorFactory {

			Factory(ApplicationEventPublisher publisher) {
				this(publisher, new java.util.concurrent.CopyOnWriteArrayList<>());
			}

			@Override
			public TcpConnectionInterceptorSupport getInterceptor() {
				CountingInterceptor interceptor = new CountingInterceptor(this.publisher);
				this.created.add(interceptor);
				return interceptor;
			}

		}

	}

}
