/**
 * The {@code netty} transport (the default): TCP connection factory and UDP adapters of our own on Netty's event
 * loops, epoll where it loads, with the transport's policy as pipeline handlers.
 */
package io.socketflows.transport.netty;
