package io.socketflows.ops;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link LimitsTests} on the {@code net} transport: the same limits through Spring Integration's blocking factories.
 */
@TestPropertySource(properties = "sockets.transport=net")
class LimitsOnNetTests extends LimitsTests {

}
