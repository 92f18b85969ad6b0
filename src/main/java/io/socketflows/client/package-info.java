/**
 * Client mode ({@code java -jar socket-flows.jar client ...}): the shared options, what a client reads besides them,
 * and the home of the Spring Integration components a client starts; each service's client sits in that service's
 * package.
 */
package io.socketflows.client;
