/**
 * TCP conversations (the tutorial's multithreaded server): an operator answers each connected client.
 */
package io.socketflows.chat;
