package io.socketflows.ops;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link IdleTimeoutTests} on the {@code net} transport, where the idle timeout is the read timeout, extended
 * while replies are sent.
 */
@TestPropertySource(properties = "sockets.transport=net")
class IdleTimeoutOnNetTests extends IdleTimeoutTests {

}
