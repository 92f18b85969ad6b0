package io.socketflows.transport;

import java.net.SocketAddress;

import io.socketflows.support.EnumNames;

import org.springframework.context.ApplicationEvent;

/**
 * A connection the server would not serve, for a reason of policy: refused before it opened
 * ({@link ConnectionRefusedEvent}) or closed once open ({@link ConnectionClosedByServerEvent}), so that operations
 * count both in {@code sockets.connections.rejected} and log them in one place.
 */
public abstract sealed class ConnectionRejectedEvent extends ApplicationEvent
		permits ConnectionRefusedEvent, ConnectionClosedByServerEvent {

	private final String connectionFactoryName;

	private final SocketAddress remote;

	private final Reason reason;

	private final String detail;

	/**
	 * @param source the server connection factory (or another transport component) that rejected it
	 * @param connectionFactoryName the bean name of the service's server factory
	 * @param remote the client's address, if known
	 * @param reason why
	 * @param detail what a log line says beyond the reason, or an empty string
	 */
	ConnectionRejectedEvent(Object source, String connectionFactoryName, SocketAddress remote, Reason reason,
			String detail) {
		super(source);
		this.connectionFactoryName = connectionFactoryName;
		this.remote = remote;
		this.reason = reason;
		this.detail = detail;
	}

	/** @return the bean name of the service's server factory */
	public String getConnectionFactoryName() {
		return this.connectionFactoryName;
	}

	/** @return the client's address, or null when unknown */
	public SocketAddress getRemote() {
		return this.remote;
	}

	/** @return why the connection was refused or closed */
	public Reason getReason() {
		return this.reason;
	}

	/** @return more words for the log line, or an empty string */
	public String getDetail() {
		return this.detail;
	}

	/** @return the log's verb: {@code refused} or {@code closed} */
	public abstract String outcome();

	/** Why a connection was refused or closed by the server; the {@code reason} tag of the rejected meter. */
	public enum Reason {

		/** The service holds {@code max-connections} already. */
		LIMIT,

		/** The client's address holds {@code max-connections-per-source} already. */
		PER_SOURCE,

		/** The client's address is denied, or not allowed, by {@code sockets.allow}/{@code sockets.deny}. */
		DENIED,

		/** No traffic in either direction for {@code idle-timeout}. */
		IDLE,

		/** A frame longer than {@code max-message-size}. */
		OVERSIZED,

		/** Input the framing cannot decode: a missing {@code STX}, a negative length, a frame cut by the close. */
		PROTOCOL,

		/** The TLS handshake failed or did not finish in time. */
		HANDSHAKE;

		/**
		 * Both transports report bad input in the words of Spring Integration's serializers (the {@code netty}
		 * decoders match them, {@code FrameCodecTests} checks it): a frame past the limit says
		 * {@code max message length}; anything else could not be decoded.
		 * @param cause why a frame could not be read
		 * @return {@link #OVERSIZED} or {@link #PROTOCOL}
		 */
		public static Reason ofBadInput(Throwable cause) {
			String message = cause.getMessage();
			return (message != null && message.contains("max message length")) ? OVERSIZED : PROTOCOL;
		}

		/** @return the meter tag and log word: lower case, {@code per-source} with a hyphen */
		public String tag() {
			return EnumNames.kebab(this);
		}

	}

}
