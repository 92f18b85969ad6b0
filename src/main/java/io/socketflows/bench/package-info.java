/**
 * {@code client bench}: a verifying load generator on Netty for any echo server, TCP or UDP.
 */
package io.socketflows.bench;
