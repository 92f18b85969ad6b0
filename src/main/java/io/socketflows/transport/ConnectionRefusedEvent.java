package io.socketflows.transport;

import java.net.SocketAddress;

import io.socketflows.support.EnumNames;

import org.springframework.context.ApplicationEvent;

/**
 * A connection the transport refused at accept or closed for a reason of policy (a limit, an address rule, a
 * timeout, bad input, a failed handshake), so that operations can log and count it in one place.
 */
public final class ConnectionRefusedEvent extends ApplicationEvent {

	private final String connectionFactoryName;

	private final SocketAddress remote;

	private final Reason reason;

	private final String detail;

	/**
	 * @param source the server connection factory (or another transport component) that refused it
	 * @param connectionFactoryName the bean name of the service's server factory
	 * @param remote the client's address, if known
	 * @param reason why
	 * @param detail what a log line says beyond the reason, or an empty string
	 */
	public ConnectionRefusedEvent(Object source, String connectionFactoryName, SocketAddress remote, Reason reason,
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

		/** A frame longer than {@code max-message-size}, or one that cannot be decoded. */
		OVERSIZED,

		/** The TLS handshake failed or did not finish in time. */
		HANDSHAKE;

		/** @return the meter tag and log word: lower case, {@code per-source} with a hyphen */
		public String tag() {
			return EnumNames.kebab(this);
		}

	}

}
