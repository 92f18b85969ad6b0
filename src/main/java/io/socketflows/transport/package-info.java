/**
 * How the bytes move beneath the services' Spring Integration flows: their server connection factories and UDP
 * adapters.
 */
package io.socketflows.transport;
