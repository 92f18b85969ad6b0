/**
 * The bytes' transport beneath the Spring Integration adapters: Netty event loops for TCP and UDP.
 */
package io.socketflows.transport;
