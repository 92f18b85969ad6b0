package io.socketflows.support;

import java.util.Optional;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The four services: one name each for their properties ({@code sockets.<id>.*}) and their metric tag. A server
 * side is known by its {@link SocketServer} qualifier, never by its bean name.
 */
public enum SocketService {

	/** TCP stream echo ({@code helloServer.py}). */
	ECHO(Protocol.TCP, false),

	/** TCP request/ACK ({@code tcpHandler.py}). */
	ACK(Protocol.TCP, true),

	/** UDP reply or echo ({@code udpServer.py}). */
	UDP(Protocol.UDP, true),

	/** TCP conversations (the multithreaded server). */
	CHAT(Protocol.TCP, true);

	private final Protocol protocol;

	private final boolean answersRequests;

	SocketService(Protocol protocol, boolean answersRequests) {
		this.protocol = protocol;
		this.answersRequests = answersRequests;
	}

	/** @return {@code echo}, {@code ack}, {@code udp} or {@code chat}: the property key and metric tag */
	public String id() {
		return EnumNames.kebab(this);
	}

	public Protocol protocol() {
		return this.protocol;
	}

	/** @return whether each message gets a reply whose time is worth measuring (not a stream echo) */
	public boolean answersRequests() {
		return this.answersRequests;
	}

	/**
	 * @param beans the application's beans
	 * @param beanName a bean name
	 * @return the service the bean serves, from the {@link SocketServer} qualifier on its {@code @Bean} method:
	 * whatever the method's name, a server is tracked, gauged and health-checked
	 */
	public static Optional<SocketService> ofServerBean(ListableBeanFactory beans, String beanName) {
		if (!beans.containsBeanDefinition(beanName)) {
			return Optional.empty();
		}
		return Optional.ofNullable(beans.findAnnotationOnBean(beanName, SocketServer.class, false))
			.map(SocketServer::value);
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
			return EnumNames.kebab(this);
		}

	}

}
