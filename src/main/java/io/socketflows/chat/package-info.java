/**
 * TCP conversations (the tutorial's multithreaded server and client): the chat's flows and its client here, the
 * conversations, operators, console and cluster in the sub-packages.
 */
package io.socketflows.chat;
