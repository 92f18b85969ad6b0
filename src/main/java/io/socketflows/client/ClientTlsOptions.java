package io.socketflows.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.socketflows.client.ClientFailure.Status;
import picocli.CommandLine.Option;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

/**
 * The TLS options of the TCP clients: {@code --tls}, {@code --ca FILE}, {@code --cert FILE --key FILE} or
 * {@code --bundle NAME}, and {@code --insecure}, applied to a client connection factory through Spring Integration's
 * TLS socket factory and host-name verification.
 */
public final class ClientTlsOptions {

	@Option(names = "--tls", description = "Speak TLS, as a service with sockets.<service>.ssl.bundle does; the "
			+ "server's certificate and host name are verified.")
	private boolean tls;

	@Option(names = "--ca", paramLabel = "FILE", description = "PEM file of the certificates to trust instead of "
			+ "the JVM's (a private CA, a self-signed server); implies --tls.")
	private Path ca;

	@Option(names = "--cert", paramLabel = "FILE", description = "PEM file of this client's certificate, for a "
			+ "service that wants or needs one (client-auth); with --key; implies --tls.")
	private Path certificate;

	@Option(names = "--key", paramLabel = "FILE", description = "PEM file of the private key of --cert.")
	private Path key;

	@Option(names = "--bundle", paramLabel = "NAME", description = "The SSL bundle NAME of the configuration "
			+ "(spring.ssl.bundle.pem.NAME or spring.ssl.bundle.jks.NAME, as the servers name theirs): its trust "
			+ "store instead of the JVM's, its key store as this client's certificate; instead of --ca, --cert and "
			+ "--key; implies --tls.")
	private String bundle;

	@Option(names = "--insecure", description = "Do not verify the server's host name, nor its certificate unless "
			+ "--ca or --bundle is given; implies --tls. Says so on standard error.")
	private boolean insecure;

	/** @return whether the client speaks TLS */
	public boolean enabled() {
		return this.tls || this.ca != null || this.insecure || this.certificate != null || this.bundle != null;
	}

	/**
	 * Makes the factory's connections TLS, handshaken as they connect so that a failure comes before any input.
	 * @param factory the client's factory, not yet started
	 * @param target the server, for messages
	 * @param settings the configuration, where {@code --bundle} is found
	 * @param err where {@code --insecure} is stated
	 */
	void applyTo(TcpNetClientConnectionFactory factory, ClientTarget target, ClientSettings settings,
			PrintStream err) {
		if (!enabled()) {
			return;
		}
		SslBundle named = bundle(settings);
		SSLContext context = (named != null) ? context(named) : context();
		if (this.insecure) {
			boolean trustGiven = this.ca != null || named != null;
			err.println("warning: --insecure: " + (trustGiven ? "the server's host name is not verified"
					: "neither the server's certificate nor its host name is verified"));
		}
		factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
		factory.setTcpSocketSupport(new HandshakeOnConnect(!this.insecure, target,
				(named != null) ? named.getOptions() : SslOptions.NONE));
	}

	/** @return the bundle of {@code --bundle}, or null without it */
	private SslBundle bundle(ClientSettings settings) {
		if (this.bundle == null) {
			return null;
		}
		if (this.ca != null || this.certificate != null || this.key != null) {
			throw new ClientFailure(Status.USAGE,
					"--bundle " + this.bundle + " holds the certificates: not with --ca, --cert or --key");
		}
		return settings.sslBundle(this.bundle);
	}

	private SSLContext context(SslBundle named) {
		try {
			return named.createSslContext();
		}
		catch (RuntimeException ex) {
			// A file of the bundle missing or unreadable: Boot reads them here; its message names the file.
			throw new ClientFailure(Status.USAGE, "--bundle " + this.bundle + ": cannot be used: " + ex.getMessage());
		}
	}

	private SSLContext context() {
		PemSslStoreDetails identity = identity();
		if (this.insecure && this.ca == null) {
			try {
				SSLContext context = SSLContext.getInstance("TLS");
				TrustManager[] anyCertificate = InsecureTrustManagerFactory.INSTANCE.getTrustManagers();
				KeyManager[] keys = (identity != null)
						? SslBundle.of(new PemSslStoreBundle(identity, null)).getManagers().getKeyManagers() : null;
				context.init(keys, anyCertificate, null);
				return context;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		PemSslStoreDetails trusted = null;
		if (this.ca != null) {
			readable("--ca", this.ca);
			trusted = PemSslStoreDetails.forCertificates(this.ca.toUri().toString());
		}
		if (identity == null && trusted == null) {
			return SslBundle.systemDefault().createSslContext();
		}
		try {
			// Without --ca, a null trust store: the JVM's trusted certificates.
			return SslBundle.of(new PemSslStoreBundle(identity, trusted)).createSslContext();
		}
		catch (RuntimeException ex) {
			throw new ClientFailure(Status.USAGE, ((trusted != null) ? "--ca " + this.ca : "--cert " + this.certificate)
					+ ": not PEM (" + ex.getMessage() + ")");
		}
	}

	/** @return this client's certificate and key, or null without --cert */
	private PemSslStoreDetails identity() {
		if (this.certificate == null && this.key == null) {
			return null;
		}
		if (this.certificate == null || this.key == null) {
			throw new ClientFailure(Status.USAGE, "--cert and --key go together");
		}
		readable("--cert", this.certificate);
		readable("--key", this.key);
		return PemSslStoreDetails.forCertificate(this.certificate.toUri().toString())
			.withPrivateKey(this.key.toUri().toString());
	}

	private static void readable(String option, Path file) {
		if (!Files.isReadable(file)) {
			throw new ClientFailure(Status.USAGE, option + " " + file + ": no such readable file");
		}
	}

	/**
	 * Host-name verification as Spring Integration sets it, then the handshake within the client's timeout, so
	 * that a server that is not TLS, or not trusted, fails the connection with a clear line.
	 */
	private static final class HandshakeOnConnect extends DefaultTcpSocketSupport {

		private final ClientTarget target;

		private final SslOptions options;

		HandshakeOnConnect(boolean verifyHost, ClientTarget target, SslOptions options) {
			super(verifyHost);
			this.target = target;
			this.options = options;
		}

		@Override
		public void postProcessSocket(Socket socket) {
			super.postProcessSocket(socket);
			if (!(socket instanceof SSLSocket tls)) {
				return;
			}
			// The bundle's protocols and ciphers, as the servers apply theirs; unset, the JVM's.
			try {
				if (this.options.getEnabledProtocols() != null) {
					tls.setEnabledProtocols(this.options.getEnabledProtocols());
				}
				if (this.options.getCiphers() != null) {
					tls.setEnabledCipherSuites(this.options.getCiphers());
				}
			}
			catch (IllegalArgumentException ex) {
				closeQuietly(socket);
				throw new ClientFailure(Status.USAGE, "--bundle: " + ex.getMessage());
			}
			try {
				int readTimeout = tls.getSoTimeout();
				tls.setSoTimeout((int) this.target.timeout().toMillis());
				tls.startHandshake();
				tls.setSoTimeout(readTimeout);
			}
			catch (IOException ex) {
				closeQuietly(socket);
				throw new ClientFailure((ex instanceof SocketTimeoutException) ? Status.TIMEOUT : Status.FAILED,
						"TLS handshake with " + this.target + " failed: " + rootMessage(ex));
			}
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// the failure being reported says more
			}
		}

		private static String rootMessage(Throwable ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		}

	}

}
