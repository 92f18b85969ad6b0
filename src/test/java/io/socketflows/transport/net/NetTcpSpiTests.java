package io.socketflows.transport.net;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.DatagramPacket;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Integration's protected API that the {@code net} transport's limits build on ({@link NetConnectionPolicy},
 * {@link NetUdpServer}): an upgrade that changes it fails here, with what to re-check.
 */
class NetTcpSpiTests {

	@Test
	void keepsTheConnectionMethodsTheIdleTimeoutOverrides() throws Exception {
		assertThat(method(TcpNetConnection.class, "handleReadException", Exception.class).getReturnType())
			.as("TcpNetConnection.handleReadException decides whether a read failure closes; re-read "
					+ "receiveAndProcessMessage before upgrading")
			.isEqualTo(boolean.class);
		assertThat(Modifier.isProtected(
				method(TcpConnectionSupport.class, "publishConnectionExceptionEvent", Throwable.class).getModifiers()))
			.isTrue();
		assertThat(Modifier.isPublic(method(TcpNetConnection.class, "getPayload").getModifiers())).isTrue();
		assertThat(Modifier.isFinal(method(TcpNetConnection.class, "close").getModifiers())).isFalse();
	}

	@Test
	void keepsTheDatagramHandOffTheUdpServerReplaces() throws Exception {
		Method handOff = method(UnicastReceivingChannelAdapter.class, "asyncSendMessage", DatagramPacket.class);
		assertThat(Modifier.isProtected(handOff.getModifiers()))
			.as("NetUdpServer handles each datagram on the receiving thread through asyncSendMessage and doSend")
			.isTrue();
		assertThat(Modifier.isProtected(
				method(UnicastReceivingChannelAdapter.class, "doSend", DatagramPacket.class).getModifiers()))
			.isTrue();
	}

	private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
		return type.getDeclaredMethod(name, parameters);
	}

}
