package io.socketflows.echo;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link EchoUndecodableInputTests} on the {@code net} transport.
 */
@TestPropertySource(properties = "sockets.transport=net")
class EchoUndecodableInputOnNetTests extends EchoUndecodableInputTests {

}
