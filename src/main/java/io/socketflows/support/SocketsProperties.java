package io.socketflows.support;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The whole {@code sockets.*} configuration tree: one record per service. An unknown key stops start-up
 * ({@link SocketsPropertiesFailureAnalyzer} names the nearest known one): a misspelt key would otherwise be ignored.
 *
 * @param transport How the bytes move beneath the flows: {@code netty} (event loops) or {@code net} (Spring
 * Integration's blocking factories and UDP adapters, a thread per connection).
 * @param bindAddress Address every listener binds to ({@code 0.0.0.0} all IPv4 interfaces, {@code ::} IPv6 and IPv4).
 * @param backlog Length of the queue of connections waiting to be accepted, per TCP listener.
 * @param failFast Whether start-up fails when an enabled listener cannot bind; if not, its health is DOWN.
 * @param logPayloads Whether logs show what clients send (escaped, cut to {@code logPayloadLimit}).
 * @param logPayloadLimit How many characters of a payload a log line shows at most.
 * @param allow Addresses served by every service, TCP and UDP, as CIDR blocks ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}); empty serves everyone. An IPv4 client on an IPv6 listener matches IPv4 blocks.
 * @param deny Addresses refused by every service, TCP and UDP, as CIDR blocks; deny wins over allow.
 * @param shutdown How the services stop.
 * @param echo TCP stream echo (helloServer.py).
 * @param ack TCP request/ACK (tcpHandler.py).
 * @param udp UDP reply or echo (udpServer.py).
 * @param chat TCP conversations answered by an operator (the multithreaded server).
 * @param client Defaults of the command-line clients ({@code java -jar socket-flows.jar client ...}).
 */
@Validated
@ConfigurationProperties(prefix = "sockets", ignoreUnknownFields = false)
public record SocketsProperties(
		@DefaultValue("netty") @NotNull Transport transport,
		@DefaultValue("0.0.0.0") @NotNull InetAddress bindAddress,
		@DefaultValue("4096") @Min(1) @Max(65535) int backlog,
		@DefaultValue("true") boolean failFast,
		@DefaultValue("false") boolean logPayloads,
		@DefaultValue("200") @Min(1) @Max(65536) int logPayloadLimit,
		@DefaultValue List<@NotNull Cidr> allow,
		@DefaultValue List<@NotNull Cidr> deny,
		@DefaultValue @Valid Shutdown shutdown,
		@DefaultValue @Valid Echo echo,
		@DefaultValue @Valid Ack ack,
		@DefaultValue @Valid Udp udp,
		@DefaultValue @Valid Chat chat,
		@DefaultValue @Valid Client client) {

	/**
	 * @param service a service
	 * @return the port it listens on, as configured
	 */
	public int port(SocketService service) {
		return switch (service) {
			case ECHO -> this.echo.port();
			case ACK -> this.ack.port();
			case UDP -> this.udp.port();
			case CHAT -> this.chat.port();
		};
	}

	/**
	 * @param service a TCP service
	 * @return its limits
	 */
	public TcpLimits limits(SocketService service) {
		return switch (service) {
			case ECHO -> this.echo;
			case ACK -> this.ack;
			case CHAT -> this.chat;
			case UDP -> throw new IllegalArgumentException("udp has no connections");
		};
	}

	/** What each TCP service bounds: its connections, per client address, and how long one may stay silent. */
	public interface TcpLimits {

		/** @return how many connections the service holds at most; the next is accepted and closed at once */
		int maxConnections();

		/** @return how many connections one client address holds at most, 0 for no limit */
		int maxConnectionsPerSource();

		/** @return how long a connection may carry no byte in either direction before it is closed; 0 never */
		Duration idleTimeout();

	}

	/**
	 * @param service a TCP service
	 * @return its TLS settings
	 */
	public Ssl ssl(SocketService service) {
		return switch (service) {
			case ECHO -> this.echo.ssl();
			case ACK -> this.ack.ssl();
			case CHAT -> this.chat.ssl();
			case UDP -> throw new IllegalArgumentException("UDP has no TLS");
		};
	}

	/**
	 * TCP stream echo.
	 *
	 * @param enabled Whether the echo listener starts.
	 * @param port TCP port (0 picks a free one).
	 * @param framing How the stream is cut into messages: {@code raw} echoes each read as it arrives.
	 * @param bufferSize Largest single read in {@code raw} framing (Netty's own largest read, so that a read is
	 * echoed as one message).
	 * @param maxMessageSize Largest message in the framed modes; a longer one closes the connection.
	 * @param maxConnections Connections the service holds at most; the next is accepted and closed at once.
	 * @param maxConnectionsPerSource Connections one client address holds at most (IPv4-mapped IPv6 counted as
	 * IPv4); 0 for no limit.
	 * @param idleTimeout How long a connection may carry no byte in either direction before it is closed; 0 never.
	 * @param ssl TLS on the echo port.
	 */
	public record Echo(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("3000") @Min(0) @Max(65535) int port,
			@DefaultValue("raw") @NotNull Framing framing,
			@DefaultValue("64KB") @DataSizeRange(min = 1, max = 16 * 1024 * 1024) DataSize bufferSize,
			@DefaultValue("64KB") @DataSizeRange(min = 1, max = 16 * 1024 * 1024) DataSize maxMessageSize,
			@DefaultValue("16384") @Min(1) int maxConnections,
			@DefaultValue("0") @Min(0) int maxConnectionsPerSource,
			@DefaultValue("5m") @NotNull @DurationMin(millis = 0) Duration idleTimeout,
			@DefaultValue @Valid Ssl ssl) implements TcpLimits {
	}

	/**
	 * TCP request/ACK.
	 *
	 * @param enabled Whether the ACK listener starts.
	 * @param port TCP port (0 picks a free one).
	 * @param bufferSize Largest request read (the tutorial's {@code recv(1024)}).
	 * @param reply The text sent back before the connection is closed.
	 * @param maxConnections Connections the service holds at most; the next is accepted and closed at once.
	 * @param maxConnectionsPerSource Connections one client address holds at most (IPv4-mapped IPv6 counted as
	 * IPv4); 0 for no limit.
	 * @param idleTimeout How long a connection may carry no byte in either direction before it is closed; 0 never.
	 * @param ssl TLS on the ACK port.
	 */
	public record Ack(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("3001") @Min(0) @Max(65535) int port,
			@DefaultValue("1024B") @DataSizeRange(min = 1, max = 16 * 1024 * 1024) DataSize bufferSize,
			@DefaultValue("ACK from TCP Server") @NotNull String reply,
			@DefaultValue("16384") @Min(1) int maxConnections,
			@DefaultValue("0") @Min(0) int maxConnectionsPerSource,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 0) Duration idleTimeout,
			@DefaultValue @Valid Ssl ssl) implements TcpLimits {
	}

	/**
	 * UDP reply or echo.
	 *
	 * @param enabled Whether the UDP listener starts.
	 * @param port UDP port (0 picks a free one).
	 * @param mode {@code reply} answers every datagram with {@code reply}; {@code echo} sends its bytes back (RFC 862).
	 * @param reply The answer in {@code reply} mode.
	 * @param amplification Anti-amplification: how many bytes a client address is sent for the bytes it sends.
	 * @param rateLimit An optional cap on the replies a client address gets per second (off by default).
	 */
	public record Udp(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("3000") @Min(0) @Max(65535) int port,
			@DefaultValue("reply") @NotNull UdpMode mode,
			@DefaultValue("Hello cher client UDP") @NotNull String reply,
			@DefaultValue @Valid Amplification amplification,
			@DefaultValue @Valid RateLimit rateLimit) {

		/** The largest UDP payload over IPv6 (65,535 minus the 8-byte header); IPv4 allows 65,507. */
		public static final int MAX_DATAGRAM_SIZE = 65_527;

		/**
		 * The rule QUIC applies to an address it has not validated (RFC 9000, section 8): a source is answered
		 * while the bytes sent to it stay within {@code ratio} times the bytes received from it, plus a burst. A
		 * client whose datagrams are at least as long as their replies (any echo client) is never limited; a
		 * spoofed source earns the victim at most {@code ratio} bytes per byte, past the burst.
		 *
		 * @param enabled Whether replies are held to the budget.
		 * @param ratio Reply bytes allowed per byte received from the same address.
		 * @param burst Reply bytes allowed beyond the ratio: a new address starts with it, and unused allowance is
		 * kept up to it.
		 */
		public record Amplification(
				@DefaultValue("true") boolean enabled,
				@DefaultValue("1.0") @DecimalMin("0.0") double ratio,
				@DefaultValue("4KB") @DataSizeRange(min = 0, max = 16 * 1024 * 1024) DataSize burst) {
		}

		/**
		 * A token bucket per client address, for an operator who wants to cap replies per second as well.
		 *
		 * @param perSource Datagrams of one client address answered per second, on average; 0 (default) for no limit.
		 * @param burst Datagrams of one client address answered at once, beyond the rate, before it applies.
		 */
		public record RateLimit(
				@DefaultValue("0") @Min(0) int perSource,
				@DefaultValue("200") @Min(1) int burst) {
		}

	}

	/**
	 * TCP conversations.
	 *
	 * @param enabled Whether the chat listener starts.
	 * @param port TCP port (0 picks a free one).
	 * @param bufferSize Largest single read of a client message (the tutorial's {@code recv(2048)}).
	 * @param operator Who answers: {@code console} (stdin), {@code auto} or {@code web} (only the console page
	 * and the HTTP API); unset, the console when there is a terminal, auto otherwise.
	 * @param autoReply What the {@code auto} operator answers; empty echoes the client's message.
	 * @param history How many recent messages each conversation keeps for the HTTP API.
	 * @param cluster Where conversations live: {@code none} (this instance, in memory) or {@code redis} (shared by
	 * every replica through the Redis that {@code spring.data.redis.*} names: ids, registry, answers routed to the
	 * pod that holds the client).
	 * @param clusterName Prefix of every Redis key and channel of the cluster; replicas with the same name share
	 * their conversations.
	 * @param clusterExpiry How long a pod's registry entries outlive its last refresh (it refreshes them three
	 * times as often); a pod that dies is gone from the registry after this.
	 * @param maxConnections Connections the service holds at most; the next is accepted and closed at once.
	 * @param maxConnectionsPerSource Connections one client address holds at most (IPv4-mapped IPv6 counted as
	 * IPv4); 0 for no limit.
	 * @param idleTimeout How long a connection may carry no byte in either direction before it is closed; 0 never.
	 * @param ssl TLS on the chat port.
	 */
	public record Chat(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("3002") @Min(0) @Max(65535) int port,
			@DefaultValue("2048B") @DataSizeRange(min = 1, max = 16 * 1024 * 1024) DataSize bufferSize,
			Operator operator,
			@DefaultValue("") String autoReply,
			@DefaultValue("20") @Min(1) @Max(10000) int history,
			@DefaultValue("none") @NotNull Cluster cluster,
			@DefaultValue("socket-flows") @NotBlank String clusterName,
			@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration clusterExpiry,
			@DefaultValue("16384") @Min(1) int maxConnections,
			@DefaultValue("0") @Min(0) int maxConnectionsPerSource,
			@DefaultValue("30m") @NotNull @DurationMin(millis = 0) Duration idleTimeout,
			@DefaultValue @Valid Ssl ssl) implements TcpLimits {

		/** @return the configured operator, else the console when there is a terminal, auto otherwise */
		public Operator operatorOrDefault() {
			return (this.operator != null) ? this.operator : (Terminal.isPresent() ? Operator.CONSOLE : Operator.AUTO);
		}

	}

	/**
	 * TLS on a TCP service's port, from one of Spring Boot's SSL bundles ({@code spring.ssl.bundle.*}).
	 *
	 * @param bundle Name of the SSL bundle (JKS, PKCS12 or PEM) holding the server's key and certificate, and
	 * the certificates it trusts for client authentication; unset, the service speaks plain TCP.
	 * @param clientAuth Whether clients must show a certificate the bundle trusts: {@code none}, {@code want}
	 * (asked for, not required) or {@code need}.
	 * @param handshakeTimeout How long a client has to complete the TLS handshake before it is closed.
	 */
	public record Ssl(
			String bundle,
			@DefaultValue("none") @NotNull ClientAuth clientAuth,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration handshakeTimeout) {

		/** @return whether the service speaks TLS */
		public boolean enabled() {
			return this.bundle != null && !this.bundle.isBlank();
		}

	}

	/**
	 * How the services stop.
	 *
	 * @param drainTimeout How long open connections are still served after a stop (SIGTERM) before they are
	 * closed.
	 */
	public record Shutdown(@DefaultValue("20s") @NotNull Duration drainTimeout) {
	}

	/**
	 * Defaults of the command-line clients; each has an option that overrides it.
	 *
	 * @param host Server the clients talk to unless {@code --host} is given.
	 * @param family Addresses the clients try unless {@code -4} or {@code -6} is given: {@code any} tries every
	 * address the host resolves to, in order.
	 * @param timeout How long a client waits for a connection or an answer unless {@code --timeout} is given.
	 */
	public record Client(
			@DefaultValue("localhost") @NotBlank String host,
			@DefaultValue("any") @NotNull AddressFamily family,
			@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration timeout) {
	}

	/** Whether a TLS service asks its clients for a certificate. */
	public enum ClientAuth {

		/** No client certificate is asked for. */
		NONE,

		/** A certificate is asked for; a client without one is still served. */
		WANT,

		/** A client without a certificate the bundle trusts fails the handshake. */
		NEED

	}

	/** How the bytes move beneath the services' flows. */
	public enum Transport {

		/** Netty event loops: epoll where it loads, NIO otherwise. */
		NETTY,

		/** Spring Integration's blocking factories and UDP adapters: a thread per connection. */
		NET

	}

	/** Which addresses of a host a client tries. */
	public enum AddressFamily {

		/** Every address, IPv4 or IPv6, in the order the resolver gives them. */
		ANY,

		/** IPv4 addresses only ({@code -4}). */
		IPV4,

		/** IPv6 addresses only ({@code -6}). */
		IPV6

	}

	/** What the UDP service answers. */
	public enum UdpMode {

		/** The configured reply text, as the tutorial's server. */
		REPLY,

		/** The datagram's own bytes (RFC 862). */
		ECHO

	}

	/** Where the chat's conversations live. */
	public enum Cluster {

		/** In this instance's memory: one replica. */
		NONE,

		/** In Redis, shared by every replica. */
		REDIS

	}

	/** Who answers the chat clients. */
	public enum Operator {

		/** A person at the terminal (stdin/stdout). */
		CONSOLE,

		/** An automatic answer, for servers without a terminal. */
		AUTO,

		/** Nothing answers by itself: the operator answers from the console page or the HTTP API. */
		WEB

	}

}
