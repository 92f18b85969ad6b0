package io.socketflows.transport.netty;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Integration's protected API that the Netty factory builds on: an upgrade that changes it fails here, with
 * what to re-check, before it fails in production.
 */
class NettyTcpSpiTests {

	@Test
	void runsOnTheSpringIntegrationVersionItWasBuiltFor() {
		String version = AbstractConnectionFactory.class.getPackage().getImplementationVersion();
		assertThat(version).as("NettyTcpServerConnectionFactory was written against Spring Integration 7.0.x; "
				+ "re-read AbstractConnectionFactory, AbstractServerConnectionFactory and TcpConnectionSupport of "
				+ "the new version (wrapConnection, connections, closeConnection, publish*Event) before upgrading")
			.startsWith("7.0.");
	}

	@Test
	void keepsTheProtectedMembersTheFactoryAndItsConnectionsUse() throws Exception {
		Field connections = AbstractConnectionFactory.class.getDeclaredField("connections");
		assertThat(Modifier.isProtected(connections.getModifiers())).isTrue();
		assertThat(connections.getType()).isEqualTo(Map.class);
		assertProtected(AbstractConnectionFactory.class, "wrapConnection", TcpConnectionSupport.class);
		assertProtected(AbstractConnectionFactory.class, "setActive", boolean.class);
		assertProtected(AbstractServerConnectionFactory.class, "setListening", boolean.class);
		assertProtected(AbstractServerConnectionFactory.class, "publishServerExceptionEvent", Exception.class);
		assertProtected(TcpConnectionSupport.class, "closeConnection", boolean.class);
		assertProtected(TcpConnectionSupport.class, "publishConnectionOpenEvent");
		assertProtected(TcpConnectionSupport.class, "publishConnectionExceptionEvent", Throwable.class);
		assertProtected(TcpConnectionSupport.class, "sendExceptionToListener", Exception.class);
		// Our connections have no Socket: Spring Integration's initializeConnection needs one, so the factory does
		// its steps itself; a change to them must be copied.
		assertProtected(AbstractServerConnectionFactory.class, "initializeConnection", TcpConnectionSupport.class,
				Socket.class);
	}

	private static void assertProtected(Class<?> type, String name, Class<?>... parameters) throws Exception {
		Method method = type.getDeclaredMethod(name, parameters);
		assertThat(Modifier.isProtected(method.getModifiers())).as(type.getSimpleName() + "." + name).isTrue();
	}

}
