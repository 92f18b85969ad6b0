/**
 * Operations, applied to every service from outside: connection tracking, metrics, listener health, the start-up
 * check, the graceful drain and the connections endpoint.
 */
package io.socketflows.ops;
