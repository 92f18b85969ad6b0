package io.socketflows.chat;

/**
 * Answers nothing by itself: a person answers from the console page or the HTTP API, as at the tutorial's terminal.
 */
final class WebOperator implements ChatOperator {

}
