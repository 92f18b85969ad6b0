/**
 * The bytes' transport beneath Spring Integration's adapters: server connection factories on Netty event loops.
 */
package io.socketflows.transport;
