package io.socketflows.udp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link UdpServerTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class UdpServerOnNetTests extends UdpServerTests {

}
