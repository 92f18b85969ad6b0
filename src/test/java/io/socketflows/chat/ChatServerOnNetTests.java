package io.socketflows.chat;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ChatServerTests} on the {@code net} transport, the fallback an operator can flip to.
 */
@TestPropertySource(properties = "sockets.transport=net")
class ChatServerOnNetTests extends ChatServerTests {

}
