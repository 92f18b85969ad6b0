package io.socketflows.ops;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a listener that could not bind into Boot's short start-up failure report instead of a stack trace.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
		String service = cause.listener().service().id();
		return new FailureAnalysis(cause.getMessage(),
				"Stop what holds the port, choose another with sockets." + service + ".port, disable the service with"
						+ " sockets." + service + ".enabled=false, or set sockets.fail-fast=false to start without it.",
				cause);
	}

}
