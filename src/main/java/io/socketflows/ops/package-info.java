/**
 * Operations: listener health, the start-up check, the graceful drain and the connections endpoint.
 */
package io.socketflows.ops;
