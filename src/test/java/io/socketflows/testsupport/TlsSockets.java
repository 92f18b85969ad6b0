package io.socketflows.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * TLS client sockets that trust the test CA ({@code src/test/resources/tls}) and verify the server's host name, with
 * the suite's one timeout on every read.
 */
public final class TlsSockets {

	/** The test CA, for the clients' {@code --ca}. */
	public static final String CA = "classpath:tls/ca.crt";

	private TlsSockets() {
	}

	/** @return a context that trusts the test CA and shows no certificate */
	public static SSLContext trustingTheCa() {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(CA))).createSslContext();
	}

	/** @return a context that trusts the test CA and shows the test client certificate */
	public static SSLContext withClientCertificate() {
		PemSslStoreDetails key = PemSslStoreDetails.forCertificate("classpath:tls/client.crt")
			.withPrivateKey("classpath:tls/client.key");
		return SslBundle.of(new PemSslStoreBundle(key, PemSslStoreDetails.forCertificate(CA))).createSslContext();
	}

	/** @return a socket to {@code 127.0.0.1:port}, its handshake done, trusting the test CA */
	public static SSLSocket connect(int port) throws IOException {
		return connect(trustingTheCa(), "127.0.0.1", port);
	}

	/**
	 * @param context the client's context
	 * @param host the server, by name or address, which its certificate must name
	 * @param port the server's port
	 * @return a connected socket, its handshake done
	 */
	public static SSLSocket connect(SSLContext context, String host, int port) throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		socket.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
		try {
			socket.connect(new InetSocketAddress(host, port), (int) Listeners.TIMEOUT.toMillis());
			socket.startHandshake();
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		return socket;
	}

	/**
	 * @return a whole ClientHello of a client that trusts the test CA, as it would open a handshake with
	 * {@code 127.0.0.1}: a server answers it with its hello and waits for the client's next flight
	 */
	public static byte[] clientHello() {
		SSLEngine engine = trustingTheCa().createSSLEngine("127.0.0.1", 0);
		engine.setUseClientMode(true);
		ByteBuffer records = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		try {
			engine.beginHandshake();
			engine.wrap(ByteBuffer.allocate(0), records);
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
		records.flip();
		byte[] hello = new byte[records.remaining()];
		records.get(hello);
		return hello;
	}

	/**
	 * @return the first bytes of a TLS ClientHello record: a header that announces 512 bytes, and 5 of them; a
	 * server waits for the rest
	 */
	public static byte[] partialClientHello() {
		return new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03 };
	}

}
