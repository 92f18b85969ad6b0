package io.socketflows.ops;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link MetricsTests} on the {@code net} transport, whose connections an interceptor counts and times.
 */
@TestPropertySource(properties = "sockets.transport=net")
class MetricsOnNetTests extends MetricsTests {

}
