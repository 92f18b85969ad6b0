/**
 * TCP stream echo (the tutorial's {@code helloServer.py}): every byte goes back as it arrives.
 */
package io.socketflows.echo;
