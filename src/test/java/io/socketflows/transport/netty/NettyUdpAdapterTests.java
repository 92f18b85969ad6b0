package io.socketflows.transport.netty;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RequiresIpv6;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringJUnitConfig(UdpEchoFlows.Config.class)
class NettyUdpAdapterTests {

	/** The largest UDP payloads: 65,535 minus the IPv4 (20) or IPv6 (40, not counted in the length) and UDP (8) headers. */
	static final int MAX_IPV4_PAYLOAD = 65_507;

	static final int MAX_IPV6_PAYLOAD = 65_527;

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
	void repliesFromThePortTheClientSentTo(UdpTransport transport) throws IOException {
		UdpEchoFlows.Echo echo = this.flows.echo(loopback(transport));
		// A connected socket only accepts datagrams from the address it is connected to.
		try (DatagramSocket client = client()) {
			client.connect(echo.at("127.0.0.1"));
			byte[] hello = "Hello UDP Server".getBytes();
			client.send(new DatagramPacket(hello, hello.length));
			DatagramPacket reply = receive(client);
			assertThat(reply.getSocketAddress()).isEqualTo(echo.at("127.0.0.1"));
			assertThat(bytes(reply)).isEqualTo(hello);
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void givesTheSendersAddressInTheHeadersWithoutALookup(UdpTransport transport) throws IOException {
		UdpEchoFlows.Echo echo = this.flows.echo(loopback(transport));
		try (DatagramSocket client = client()) {
			exchange(client, new byte[] { 1 }, echo.at("127.0.0.1"));
			MessageHeaders headers = echo.seen().receive(0).getHeaders();
			assertThat(headers.get(IpHeaders.PACKET_ADDRESS)).isEqualTo(localAddress(client));
			assertThat(headers.get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
			assertThat(headers.get(IpHeaders.HOSTNAME)).isEqualTo("127.0.0.1");
			assertThat(headers.get(IpHeaders.PORT)).isEqualTo(client.getLocalPort());
			assertThat(headers.get(NettyUdpInboundChannelAdapter.RECEIVING_CHANNEL)).isInstanceOf(Channel.class);
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void echoesTheLargestIpv4DatagramWhole(UdpTransport transport) throws IOException {
		UdpEchoFlows.Echo echo = this.flows.echo(loopback(transport));
		byte[] datagram = random(MAX_IPV4_PAYLOAD);
		try (DatagramSocket client = client()) {
			assertThat(exchange(client, datagram, echo.at("127.0.0.1"))).isEqualTo(datagram);
			assertThat(echo.seen().receive(0).getPayload()).asInstanceOf(
					org.assertj.core.api.InstanceOfAssertFactories.BYTE_ARRAY).hasSize(MAX_IPV4_PAYLOAD);
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	@RequiresIpv6
	void echoesTheLargestIpv6DatagramWhole(UdpTransport transport) throws IOException {
		NettyUdpInboundChannelAdapter adapter = transport.adapter(0);
		adapter.setLocalAddress(InetAddress.getByName("::1"));
		UdpEchoFlows.Echo echo = this.flows.echo(adapter);
		byte[] datagram = random(MAX_IPV6_PAYLOAD);
		try (DatagramSocket client = client()) {
			assertThat(exchange(client, datagram, echo.at("::1"))).isEqualTo(datagram);
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	@RequiresIpv6
	void servesIpv4AndIpv6OnTheIpv4Wildcard(UdpTransport transport) throws IOException {
		// The JVM binds 0.0.0.0 dual-stack (see docs/configuration.md); the Netty transport keeps that meaning.
		UdpEchoFlows.Echo echo = this.flows.echo(transport.adapter(0));
		try (DatagramSocket client = client()) {
			assertThat(exchange(client, "v4".getBytes(), echo.at("127.0.0.1"))).isEqualTo("v4".getBytes());
			assertThat(exchange(client, "v6".getBytes(), echo.at("::1"))).isEqualTo("v6".getBytes());
			// An IPv4 peer is named as such, not as ::ffff:127.0.0.1.
			assertThat(echo.seen().receive(0).getHeaders().get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
			assertThat(echo.seen().receive(0).getHeaders().get(IpHeaders.IP_ADDRESS)).isEqualTo("0:0:0:0:0:0:0:1");
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void answersAnEmptyDatagramAsTheTutorialsServerDoes(UdpTransport transport) throws IOException {
		UdpEchoFlows.Echo server = this.flows.reply(loopback(transport), "Hello cher client UDP".getBytes());
		try (DatagramSocket client = client()) {
			assertThat(exchange(client, new byte[0], server.at("127.0.0.1"))).isEqualTo("Hello cher client UDP".getBytes());
			assertThat(server.seen().receive(0).getPayload()).isEqualTo(new byte[0]);
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void refusesToSendAnEmptyDatagramRatherThanPretend(UdpTransport transport) throws IOException {
		UdpEchoFlows.Echo echo = this.flows.echo(loopback(transport));
		try (DatagramSocket client = client()) {
			exchange(client, new byte[] { 1 }, echo.at("127.0.0.1"));
			Message<byte[]> empty = org.springframework.integration.support.MessageBuilder.withPayload(new byte[0])
				.copyHeaders(echo.seen().receive(0).getHeaders())
				.build();
			assertThatExceptionOfType(org.springframework.messaging.MessageDeliveryException.class)
				.isThrownBy(() -> echo.replies().handleMessage(empty))
				.withMessageContaining("An empty UDP datagram cannot be sent");
		}
	}

	/**
	 * 16 peers, 500 numbered datagrams each, 8 in flight per peer: every echo must come back, and in the order
	 * sent. In-flight is bounded (128 datagrams of 8 bytes), far below the sockets' buffers, so a loss here is
	 * the server's, not a kernel drop under overload: none is allowed.
	 */
	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void answersEachPeerInOrderUnderABurst(UdpTransport transport) throws Exception {
		NettyUdpInboundChannelAdapter adapter = loopback(transport);
		UdpEchoFlows.Echo echo = this.flows.echo(adapter);
		int peers = 16;
		ExecutorService executor = Executors.newFixedThreadPool(peers);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < peers; i++) {
				results.add(executor.submit(() -> burst(echo.at("127.0.0.1"), 500, 8)));
			}
			for (Future<String> result : results) {
				assertThat(result.get()).isEqualTo("500 in order");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * 64 datagrams waiting in the socket: read 16 per wake-up, answered in order, their replies flushed once per
	 * burst (one sendmmsg on epoll), where one read per wake-up would flush 64 times.
	 */
	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void readsDatagramsInBurstsAndFlushesEachBurstsRepliesOnce(UdpTransport transport) throws Exception {
		NettyUdpInboundChannelAdapter adapter = loopback(transport);
		adapter.setSocketCount(1);
		UdpEchoFlows.Echo echo = this.flows.echo(adapter);
		Channel channel = adapter.anyChannel().orElseThrow();
		FlushCounter counter = new FlushCounter();
		// On the event loop, and waited for: added from another thread, the counter would be skipped until its
		// handlerAdded task ran, which a busy loop runs after the first read burst (it counted 48 writes of 64).
		channel.eventLoop().submit(() -> {
			channel.pipeline().addFirst(counter);
			channel.config().setAutoRead(false);
		}).sync();
		int count = 64;
		try (DatagramSocket client = client()) {
			client.connect(echo.at("127.0.0.1"));
			for (int i = 0; i < count; i++) {
				byte[] datagram = ByteBuffer.allocate(4).putInt(i).array();
				client.send(new DatagramPacket(datagram, datagram.length));
			}
			// On loopback a datagram is in the receiver's queue when send returns: all 64 wait for the reads.
			channel.config().setAutoRead(true);
			for (int i = 0; i < count; i++) {
				assertThat(ByteBuffer.wrap(receive(client).getData()).getInt()).isEqualTo(i);
			}
		}
		assertThat(counter.writes.get()).isEqualTo(count);
		assertThat(counter.flushes.get()).isBetween(count / NettyUdpInboundChannelAdapter.MAX_DATAGRAMS_PER_READ,
				count / NettyUdpInboundChannelAdapter.MAX_DATAGRAMS_PER_READ + 1);
	}

	/** Counts what reaches the socket: every write and every flush. */
	private static final class FlushCounter extends ChannelOutboundHandlerAdapter {

		final AtomicInteger writes = new AtomicInteger();

		final AtomicInteger flushes = new AtomicInteger();

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			this.writes.incrementAndGet();
			ctx.write(msg, promise);
		}

		@Override
		public void flush(ChannelHandlerContext ctx) {
			this.flushes.incrementAndGet();
			ctx.flush();
		}

	}

	/** Sends {@code count} numbered datagrams with at most {@code window} unanswered; tells what came back. */
	private static String burst(InetSocketAddress server, int count, int window) throws IOException {
		try (DatagramSocket client = client()) {
			client.connect(server);
			int sent = 0;
			int expected = 0;
			while (expected < count) {
				while (sent < count && sent - expected < window) {
					byte[] datagram = ByteBuffer.allocate(8).putInt(sent).putInt(~sent).array();
					client.send(new DatagramPacket(datagram, datagram.length));
					sent++;
				}
				DatagramPacket reply;
				try {
					reply = receive(client);
				}
				catch (SocketTimeoutException ex) {
					return expected + " in order, then nothing (lost)";
				}
				ByteBuffer echoed = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
				int sequence = echoed.getInt();
				if (reply.getLength() != 8 || echoed.getInt() != ~sequence) {
					return "mangled echo after " + expected;
				}
				if (sequence != expected) {
					return "got " + sequence + " where " + expected + " was next";
				}
				expected++;
			}
			return expected + " in order";
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void throwsWhenAReplyCannotBeSent(UdpTransport transport) throws IOException {
		UdpEchoFlows.Echo echo = this.flows.echo(loopback(transport));
		try (DatagramSocket client = client()) {
			exchange(client, new byte[] { 1 }, echo.at("127.0.0.1"));
			Message<?> request = echo.seen().receive(0);
			// More than a UDP datagram can carry: the kernel refuses it (EMSGSIZE).
			Message<byte[]> tooLarge = org.springframework.integration.support.MessageBuilder
				.withPayload(new byte[MAX_IPV6_PAYLOAD + 1])
				.copyHeaders(request.getHeaders())
				.build();
			assertThatExceptionOfType(org.springframework.messaging.MessagingException.class)
				.isThrownBy(() -> echo.replies().handleMessage(tooLarge))
				.withMessageContaining("Failed to send UDP datagram to /127.0.0.1:" + client.getLocalPort());
			// The socket goes on: the failure was the one datagram's.
			assertThat(exchange(client, "still".getBytes(), echo.at("127.0.0.1"))).isEqualTo("still".getBytes());
		}
	}

	@ParameterizedTest
	@EnumSource(UdpTransport.class)
	void refusesAReplyWithoutADestination(UdpTransport transport) {
		UdpEchoFlows.Echo echo = this.flows.echo(loopback(transport));
		assertThatExceptionOfType(org.springframework.messaging.MessageDeliveryException.class)
			.isThrownBy(() -> echo.replies().handleMessage(new org.springframework.messaging.support.GenericMessage<>(
					new byte[] { 1 })))
			.withMessageContaining("No ip_packetAddress header");
	}

	/** Several sockets share the port; the kernel spreads the peers over them, each peer to one. */
	@ParameterizedTest
	@EnumSource(value = UdpTransport.class, names = "EPOLL")
	void servesManyPeersOnSocketsSharingThePort(UdpTransport transport) throws IOException {
		NettyUdpInboundChannelAdapter adapter = loopback(transport);
		adapter.setSocketCount(2);
		UdpEchoFlows.Echo echo = this.flows.echo(adapter);
		assertThat(adapter.getSocketCount()).isEqualTo(2);
		int peers = 64;
		for (int i = 0; i < peers; i++) {
			try (DatagramSocket client = client()) {
				client.connect(echo.at("127.0.0.1"));
				byte[] first = ("peer " + i + " first").getBytes();
				byte[] second = ("peer " + i + " second").getBytes();
				client.send(new DatagramPacket(first, first.length));
				client.send(new DatagramPacket(second, second.length));
				assertThat(bytes(receive(client))).isEqualTo(first);
				assertThat(bytes(receive(client))).isEqualTo(second);
			}
		}
		Set<Object> sockets = new HashSet<>();
		for (int i = 0; i < 2 * peers; i++) {
			sockets.add(echo.seen().receive(0).getHeaders().get(NettyUdpInboundChannelAdapter.RECEIVING_CHANNEL));
		}
		// 64 peers on random ports all hashed to one socket would happen once in 2^63.
		assertThat(sockets).hasSize(2);
	}

	static NettyUdpInboundChannelAdapter loopback(UdpTransport transport) {
		NettyUdpInboundChannelAdapter adapter = transport.adapter(0);
		adapter.setLocalAddress(InetAddress.getLoopbackAddress());
		return adapter;
	}

	static InetSocketAddress localAddress(DatagramSocket client) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), client.getLocalPort());
	}

	static DatagramSocket client() throws IOException {
		DatagramSocket client = new DatagramSocket();
		client.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
		// Room for a few of the largest datagrams, whatever the system default.
		client.setReceiveBufferSize(512 * 1024);
		return client;
	}

	static byte[] exchange(DatagramSocket client, byte[] datagram, InetSocketAddress server) throws IOException {
		client.send(new DatagramPacket(datagram, datagram.length, server));
		return bytes(receive(client));
	}

	static DatagramPacket receive(DatagramSocket client) throws IOException {
		DatagramPacket reply = new DatagramPacket(new byte[65_536], 65_536);
		client.receive(reply);
		return reply;
	}

	static byte[] bytes(DatagramPacket packet) {
		return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
	}

	static byte[] random(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

}
