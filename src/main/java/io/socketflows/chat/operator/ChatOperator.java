package io.socketflows.chat.operator;

import io.socketflows.chat.conversation.ChatEvent;
import io.socketflows.chat.conversation.Conversations;

/**
 * Who answers the chat clients; each reacts to {@link ChatEvent}s and answers through {@link Conversations}.
 */
public sealed interface ChatOperator permits AutoOperator, ConsoleOperator, WebOperator {

}
