package io.socketflows.bench;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The bench's TLS client side: Netty's JDK provider, TLS 1.3 or 1.2 as the server offers, any certificate taken, since
 * what is measured is the server's side of the handshake and of the records.
 */
final class BenchTls {

	private BenchTls() {
	}

	static SslContext clientContext() {
		try {
			return SslContextBuilder.forClient()
				// The JDK's engine whatever else is on the class path: requests are written in heap buffers for it.
				.sslProvider(SslProvider.JDK)
				.trustManager(InsecureTrustManagerFactory.INSTANCE)
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("No TLS client context: " + ex.getMessage(), ex);
		}
	}

}
