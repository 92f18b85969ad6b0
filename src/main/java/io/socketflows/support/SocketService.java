package io.socketflows.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The four services: one name each for their properties ({@code sockets.<id>.*}), their metric tag and the
 * bean name of their server side.
 */
public enum SocketService {

	/** TCP stream echo ({@code helloServer.py}). */
	ECHO(Protocol.TCP, "tcpEchoServer", false),

	/** TCP request/ACK ({@code tcpHandler.py}). */
	ACK(Protocol.TCP, "tcpAckServer", true),

	/** UDP reply or echo ({@code udpServer.py}). */
	UDP(Protocol.UDP, "udpServer", true),

	/** TCP conversations (the multithreaded server). */
	CHAT(Protocol.TCP, "tcpChatServer", true);

	private final Protocol protocol;

	private final String serverBeanName;

	private final boolean answersRequests;

	SocketService(Protocol protocol, String serverBeanName, boolean answersRequests) {
		this.protocol = protocol;
		this.serverBeanName = serverBeanName;
		this.answersRequests = answersRequests;
	}

	/** @return {@code echo}, {@code ack}, {@code udp} or {@code chat}: the property key and metric tag */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public Protocol protocol() {
		return this.protocol;
	}

	/** @return the bean name of its server connection factory or UDP adapter */
	public String serverBeanName() {
		return this.serverBeanName;
	}

	/** @return whether each message gets a reply whose time is worth measuring (not a stream echo) */
	public boolean answersRequests() {
		return this.answersRequests;
	}

	/**
	 * @param beanName a bean name
	 * @return the service whose server bean has that name
	 */
	public static Optional<SocketService> ofServerBean(String beanName) {
		return Arrays.stream(values()).filter((service) -> service.serverBeanName.equals(beanName)).findFirst();
	}

	@Override
	public String toString() {
		return id();
	}

	/** The transport protocol of a service. */
	public enum Protocol {

		TCP, UDP;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
