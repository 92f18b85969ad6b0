package io.socketflows;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link Ipv6ProfileTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class Ipv6ProfileOnNetTests extends Ipv6ProfileTests {

}
