package io.socketflows.transport;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.PreferHeapByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.socketflows.support.JdkTlsHeapInput;
import io.socketflows.support.SocketsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * The TLS side of one TCP service: its Spring Boot SSL bundle made into server contexts for both transports, made
 * again when Boot reloads the bundle, so that new connections use the new certificate and open ones keep theirs.
 */
public final class ServerTls {

	/**
	 * A TLS record split across reads is merged into a heap buffer, as {@link JdkTlsHeapInput} hands over each
	 * read: the JDK's engine decrypts heap buffers far faster than direct ones.
	 */
	private static final ByteToMessageDecoder.Cumulator HEAP_CUMULATOR = (allocator, cumulation,
			in) -> ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(new PreferHeapByteBufAllocator(allocator), cumulation,
					in);

	private static final Logger logger = LoggerFactory.getLogger(ServerTls.class);

	private final String bundleName;

	private final SocketsProperties.ClientAuth clientAuth;

	private final Duration handshakeTimeout;

	private volatile Contexts contexts;

	/**
	 * @param bundles Boot's SSL bundles
	 * @param ssl the service's TLS settings, with a bundle
	 */
	ServerTls(SslBundles bundles, SocketsProperties.Ssl ssl) {
		this.bundleName = ssl.bundle();
		this.clientAuth = ssl.clientAuth();
		this.handshakeTimeout = ssl.handshakeTimeout();
		this.contexts = contexts(bundles.getBundle(this.bundleName));
		bundles.addBundleUpdateHandler(this.bundleName, (bundle) -> {
			this.contexts = contexts(bundle);
			logger.info("SSL bundle '{}' reloaded: new connections use it", this.bundleName);
		});
	}

	/** @return the name of the bundle */
	public String bundleName() {
		return this.bundleName;
	}

	/** @return how long a client has to complete its handshake */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	private Contexts contexts(SslBundle bundle) {
		SSLContext jdk = bundle.createSslContext();
		SslOptions options = bundle.getOptions();
		ClientAuth auth = switch (this.clientAuth) {
			case NONE -> ClientAuth.NONE;
			case WANT -> ClientAuth.OPTIONAL;
			case NEED -> ClientAuth.REQUIRE;
		};
		String[] ciphers = options.getCiphers();
		// The bundle's SSLContext as it is (its key alias, its trust), in Netty's clothes: null ciphers and
		// protocols are Netty's defaults (TLS 1.3 and 1.2, strong suites).
		JdkSslContext netty = new JdkSslContext(jdk, false, (ciphers != null) ? Arrays.asList(ciphers) : null,
				IdentityCipherSuiteFilter.INSTANCE, null, auth, options.getEnabledProtocols(), false);
		return new Contexts(jdk, netty, options);
	}

	/**
	 * @param allocator the channel's allocator
	 * @return a server handler of the bundle as it is now, which fails a handshake not done within the timeout
	 */
	public SslHandler newHandler(ByteBufAllocator allocator) {
		SslHandler handler = this.contexts.netty().newHandler(allocator);
		handler.setHandshakeTimeoutMillis(this.handshakeTimeout.toMillis());
		handler.setCumulator(HEAP_CUMULATOR);
		return handler;
	}

	/**
	 * A server-side TLS socket over an accepted one, of the bundle as it is now; the handshake happens on the
	 * connection's first read or {@link SSLSocket#startHandshake()}.
	 * @param accepted the accepted plain socket
	 * @return the TLS socket, which closes the plain one when closed
	 * @throws IOException if the socket cannot be layered
	 */
	public SSLSocket wrap(Socket accepted) throws IOException {
		Contexts current = this.contexts;
		SSLSocket socket = (SSLSocket) current.jdk().getSocketFactory().createSocket(accepted, null, true);
		socket.setUseClientMode(false);
		SSLParameters parameters = socket.getSSLParameters();
		SslOptions options = current.options();
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
		switch (this.clientAuth) {
			case NEED -> parameters.setNeedClientAuth(true);
			case WANT -> parameters.setWantClientAuth(true);
			case NONE -> parameters.setNeedClientAuth(false);
		}
		socket.setSSLParameters(parameters);
		return socket;
	}

	/**
	 * @param cause why a handshake failed, on either transport
	 * @return the innermost message ("handshake timed out after 10000ms", ...), never the client's bytes
	 */
	public static String describeHandshakeFailure(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root instanceof NotSslRecordException) {
			return "not a TLS record (a plain client?)";
		}
		if (root instanceof ClosedChannelException) {
			return "closed by the client during the handshake";
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (message.length() > 120) ? message.substring(0, 120) + "..." : message;
	}

	private record Contexts(SSLContext jdk, JdkSslContext netty, SslOptions options) {
	}

}
