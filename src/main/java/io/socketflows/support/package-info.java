/**
 * Shared core: the {@code sockets} configuration tree, the services' names, framing and wire-format helpers.
 */
package io.socketflows.support;
