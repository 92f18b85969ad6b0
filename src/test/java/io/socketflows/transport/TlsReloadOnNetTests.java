package io.socketflows.transport;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link TlsReloadTests} on the {@code net} transport.
 */
@TestPropertySource(properties = "sockets.transport=net")
class TlsReloadOnNetTests extends TlsReloadTests {

}
