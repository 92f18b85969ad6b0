package io.socketflows.ops;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ConnectionsEndpointTests} on the {@code net} transport, whose connections an interceptor counts.
 */
@TestPropertySource(properties = "sockets.transport=net")
class ConnectionsEndpointOnNetTests extends ConnectionsEndpointTests {

}
