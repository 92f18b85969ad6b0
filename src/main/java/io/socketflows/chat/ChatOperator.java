package io.socketflows.chat;

/**
 * Who answers the chat clients; each reacts to {@link ChatEvent}s and answers through {@link Conversations}.
 */
sealed interface ChatOperator permits AutoOperator, ConsoleOperator, WebOperator {

}
