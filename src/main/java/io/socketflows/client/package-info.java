/**
 * Client mode ({@code java -jar socket-flows.jar client ...}): the command, its shared options and the small
 * Spring context every client runs in; each service's client sits in that service's package.
 */
package io.socketflows.client;
