/**
 * UDP reply or echo (the tutorial's {@code udpServer.py}), answered from the socket the datagram arrived on.
 */
package io.socketflows.udp;
