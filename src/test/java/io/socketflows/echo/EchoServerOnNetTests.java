package io.socketflows.echo;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link EchoServerTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class EchoServerOnNetTests extends EchoServerTests {

}
