/**
 * The open conversations of the chat (one per client connection), their events, and the one view of them that the
 * API, the console and the cluster share.
 */
package io.socketflows.chat.conversation;
