package io.socketflows.ops;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link AllowDenyTests} on the {@code net} transport.
 */
@TestPropertySource(properties = "sockets.transport=net")
class AllowDenyOnNetTests extends AllowDenyTests {

}
