package io.socketflows.ops;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns listeners that could not bind into Boot's short start-up failure report instead of a stack trace: every
 * taken port at once, and what to do about each.
 */
class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
		List<String> services = cause.failures().stream().map((failure) -> failure.listener().service().id()).toList();
		boolean one = services.size() == 1;
		return new FailureAnalysis(cause.getMessage(),
				"Stop what holds " + (one ? "the port, choose another with " : "the ports, choose others with ")
						+ properties(services, "port") + ", disable " + (one ? "the service with " : "the services with ")
						+ properties(services, "enabled=false") + ", or set sockets.fail-fast=false to start without "
						+ (one ? "it." : "them."),
				cause);
	}

	private static String properties(List<String> services, String property) {
		return services.stream().map((service) -> "sockets." + service + "." + property)
			.collect(Collectors.joining(", "));
	}

}
