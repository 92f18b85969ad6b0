package io.socketflows.transport;

import io.netty.channel.epoll.Epoll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The two socket implementations a test runs on; epoll only where Netty can load it. */
enum UdpTransport {

	EPOLL, NIO;

	/** Skips the test, with the reason, where epoll is missing. */
	void assumeAvailable() {
		assumeTrue(this == NIO || Epoll.isAvailable(), () -> "no epoll here: " + Epoll.unavailabilityCause());
	}

	NettyUdpInboundChannelAdapter adapter(int port) {
		assumeAvailable();
		NettyUdpInboundChannelAdapter adapter = new NettyUdpInboundChannelAdapter(port);
		adapter.setPreferNative(this == EPOLL);
		return adapter;
	}

}
