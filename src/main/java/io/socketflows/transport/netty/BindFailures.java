package io.socketflows.transport.netty;

import java.net.BindException;

import io.netty.channel.unix.Errors;

/**
 * A failed bind as the JDK reports it: epoll says {@code bind(..) failed with error(-98): Address already in use},
 * where users, logs and the {@code net} transport say {@code java.net.BindException: Address already in use}.
 */
final class BindFailures {

	private BindFailures() {
	}

	static Exception asJdk(Throwable cause) {
		if (cause instanceof Errors.NativeIoException nativeFailure) {
			String message = nativeFailure.getMessage();
			int reason = message.indexOf("): ");
			BindException bind = new BindException((reason >= 0) ? message.substring(reason + 3) : message);
			bind.initCause(nativeFailure);
			return bind;
		}
		return (cause instanceof Exception exception) ? exception : new IllegalStateException(cause);
	}

}
