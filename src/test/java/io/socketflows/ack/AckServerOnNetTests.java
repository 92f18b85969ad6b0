package io.socketflows.ack;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link AckServerTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class AckServerOnNetTests extends AckServerTests {

}
