package io.socketflows.transport.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

import io.socketflows.transport.ConnectionClosedByServerEvent;
import io.socketflows.transport.ConnectionGate;
import io.socketflows.transport.ConnectionRefusedEvent;
import io.socketflows.transport.ConnectionRejectedEvent.Reason;
import io.socketflows.transport.ServerTls;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.messaging.Message;

/**
 * The {@code net} transport's connection policy, through Spring Integration's connection strategy: admission, the
 * idle timeout and the TLS handshake, which the {@code netty} transport has as pipeline handlers. Each accepted
 * socket is admitted by the {@link ConnectionGate} or closed at once, and an admitted one is closed once it carried
 * no byte in either direction for the idle timeout (the socket's read timeout, extended while replies are being
 * sent).
 * <p>
 * With TLS, an admitted socket is layered in a server TLS socket of the bundle as it is then (so a reloaded bundle
 * applies to new connections), and its connection's thread does the handshake under the handshake timeout before
 * it reads, so that neither the acceptor nor other clients wait for it. Spring Integration's own
 * {@code DefaultTcpNetSSLSocketFactorySupport} makes one {@code SSLServerSocket} at start-up, which a reload cannot
 * change, and hands the handshake to the first read with the idle timeout.
 * <p>
 * Builds on Spring Integration 7.0's {@code TcpNetConnection} ({@code handleReadException},
 * {@code publishConnectionExceptionEvent}, {@code getPayload}): {@code NetTcpSpiTests} fails when they change.
 */
final class NetConnectionPolicy implements TcpNetConnectionSupport {

	private final ConnectionGate gate;

	private final Duration idleTimeout;

	private final ServerTls tls;

	/**
	 * @param gate the service's limits and address rules
	 * @param idleTimeout the idle timeout, zero for none; the factory's {@code soTimeout} must be set to it
	 * @param tls the service's TLS, or null for plain TCP
	 */
	NetConnectionPolicy(ConnectionGate gate, Duration idleTimeout, ServerTls tls) {
		this.gate = gate;
		this.idleTimeout = idleTimeout;
		this.tls = tls;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			ApplicationEventPublisher publisher, String factoryName) {
		InetAddress remote = socket.getInetAddress();
		ConnectionGate.Refusal refusal = this.gate.admit(remote);
		if (refusal == null) {
			try {
				Socket layered = (this.tls != null) ? this.tls.wrap(socket) : socket;
				return new GatedConnection(layered, lookupHost, publisher, factoryName);
			}
			catch (IOException ex) {
				this.gate.release(remote);
				throw new UncheckedIOException(ex);
			}
		}
		TcpNetConnection refused = new RefusedConnection(socket, lookupHost, publisher, factoryName);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed either way.
		}
		if (publisher != null) {
			publisher.publishEvent(new ConnectionRefusedEvent(this, factoryName,
					new InetSocketAddress(remote, socket.getPort()), refusal.reason(), refusal.detail()));
		}
		return refused;
	}

	/**
	 * A refused socket, already closed: it never opens. Spring Integration has registered it with the factory's
	 * senders (the reply adapters) by the time it runs, so it closes, which takes it out of their maps again;
	 * the close of a connection that never opened is neither counted nor logged.
	 */
	private static final class RefusedConnection extends TcpNetConnection {

		RefusedConnection(Socket socket, boolean lookupHost, ApplicationEventPublisher publisher, String factoryName) {
			super(socket, true, lookupHost, publisher, factoryName);
		}

		@Override
		public void run() {
			close();
		}

	}

	/** An admitted connection: releases its place in the gate once closed, and closes itself when idle. */
	private final class GatedConnection extends TcpNetConnection {

		private final Socket socket;

		private final InetAddress remote;

		private final AtomicBoolean released = new AtomicBoolean();

		private final ApplicationEventPublisher publisher;

		private final String factoryName;

		private volatile long lastSendNanos;

		/** True while a read waits only for what remains of the idle timeout after a recent send. */
		private boolean extended;

		GatedConnection(Socket socket, boolean lookupHost, ApplicationEventPublisher publisher, String factoryName) {
			super(socket, true, lookupHost, publisher, factoryName);
			this.socket = socket;
			this.remote = socket.getInetAddress();
			this.publisher = publisher;
			this.factoryName = factoryName;
		}

		@Override
		public void run() {
			if (this.socket instanceof SSLSocket tlsSocket && !handshake(tlsSocket)) {
				return;
			}
			super.run();
		}

		/** @return whether the handshake was done in time; if not, the connection is closed and refused */
		private boolean handshake(SSLSocket tlsSocket) {
			try {
				// A read timeout: each read of the handshake has this long, a client that trickles bytes more.
				int readTimeout = tlsSocket.getSoTimeout();
				tlsSocket.setSoTimeout((int) NetConnectionPolicy.this.tls.handshakeTimeout().toMillis());
				tlsSocket.startHandshake();
				tlsSocket.setSoTimeout(readTimeout);
				return true;
			}
			catch (IOException ex) {
				closeConnection(true);
				if (this.publisher != null) {
					this.publisher.publishEvent(new ConnectionRefusedEvent(NetConnectionPolicy.this,
							this.factoryName, new InetSocketAddress(this.remote, getPort()), Reason.HANDSHAKE,
							ServerTls.describeHandshakeFailure(ex)));
				}
				return false;
			}
		}

		@Override
		public void send(Message<?> message) {
			this.lastSendNanos = System.nanoTime();
			super.send(message);
		}

		@Override
		public Object getPayload() {
			try {
				return super.getPayload();
			}
			finally {
				if (this.extended) {
					this.extended = false;
					setReadTimeout(NetConnectionPolicy.this.idleTimeout.toMillis());
				}
			}
		}

		/** A read timeout is not an error: it is either no idle time at all (a reply went out) or the idle close. */
		@Override
		protected void publishConnectionExceptionEvent(Throwable cause) {
			if (!isTimeout(cause)) {
				super.publishConnectionExceptionEvent(cause);
			}
		}

		@Override
		protected boolean handleReadException(Exception exception) {
			if (isTimeout(exception)) {
				long idle = NetConnectionPolicy.this.idleTimeout.toNanos();
				long sinceSend = System.nanoTime() - this.lastSendNanos;
				if (this.lastSendNanos != 0 && sinceSend < idle && setReadTimeout((idle - sinceSend) / 1_000_000 + 1)) {
					// Replies went out while the read waited: the connection was not idle, read on.
					this.extended = true;
					return false;
				}
				if (this.publisher != null && isOpen()) {
					this.publisher.publishEvent(new ConnectionClosedByServerEvent(NetConnectionPolicy.this,
							this.factoryName, new InetSocketAddress(this.remote, getPort()), Reason.IDLE,
							"no traffic for " + NetConnectionPolicy.this.idleTimeout.toMillis() + " ms"));
				}
			}
			return super.handleReadException(exception);
		}

		private boolean setReadTimeout(long millis) {
			try {
				this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
				return true;
			}
			catch (SocketException ex) {
				return false;
			}
		}

		/** The place is freed first: once the connection counts as closed, the next client can have it. */
		@Override
		public void close() {
			if (this.released.compareAndSet(false, true)) {
				NetConnectionPolicy.this.gate.release(this.remote);
			}
			super.close();
		}

		private static boolean isTimeout(Throwable failure) {
			Throwable cause = (failure instanceof UncheckedIOException unchecked) ? unchecked.getCause() : failure;
			return cause instanceof SocketTimeoutException;
		}

	}

}
