package io.socketflows.echo;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link EchoFramingTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class EchoFramingOnNetTests extends EchoFramingTests {

}
