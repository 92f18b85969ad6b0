package io.socketflows.transport.netty;

import io.socketflows.testsupport.Required;

/** The two socket implementations a test runs on; epoll only where Netty can load it. */
enum UdpTransport {

	EPOLL, NIO;

	/** Skips the test, with the reason, where epoll is missing (fails under {@code CI=true}). */
	void assumeAvailable() {
		if (this == EPOLL) {
			Required.epoll();
		}
	}

	NettyUdpInboundChannelAdapter adapter(int port) {
		assumeAvailable();
		NettyUdpInboundChannelAdapter adapter = new NettyUdpInboundChannelAdapter(port);
		adapter.setPreferNative(this == EPOLL);
		return adapter;
	}

}
