/**
 * The {@code net} transport, the fallback: Spring Integration's blocking factories and UDP adapters, a thread per
 * connection, held to the transport's policy through their extension points.
 */
package io.socketflows.transport.net;
