package io.socketflows.transport;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link TlsServerTests} on the {@code net} transport.
 */
@TestPropertySource(properties = "sockets.transport=net")
class TlsServerOnNetTests extends TlsServerTests {

}
