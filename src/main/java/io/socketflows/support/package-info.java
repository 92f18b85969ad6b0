/**
 * Shared core: the {@code sockets} configuration tree, framing codecs and the connection executor.
 */
package io.socketflows.support;
