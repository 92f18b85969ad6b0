package io.socketflows.transport;

/**
 * A server connection factory whose connections are themselves {@link CountedConnection}s and tell its observer what
 * they carry (the {@code netty} transport's): no interceptor wraps them, so an idle connection costs no more heap
 * and a message no more calls.
 */
public interface CountingServer {

	/** @param observer told of every message of every connection; set before the server starts */
	void setObserver(ConnectionObserver observer);

}
