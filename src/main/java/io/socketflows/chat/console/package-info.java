/**
 * The operator's HTTP side of the chat: the conversation API, and the console page with its live feed.
 */
package io.socketflows.chat.console;
