/**
 * TCP request/ACK (the tutorial's {@code tcpHandler.py}): one read, one fixed reply, then close.
 */
package io.socketflows.ack;
