package io.socketflows.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.stereotype.Component;

/**
 * Makes SIGTERM, the way Kubernetes stops a pod, end the process with status 0 once the shutdown (with its
 * drain) is done; the JVM's own handler ends with 143, which reads as a failure.
 */
@Component
class SigtermExit {

	private static final Logger logger = LoggerFactory.getLogger(SigtermExit.class);

	SigtermExit() {
		try {
			// System.exit runs the shutdown hooks, the application context's close among them, as SIGTERM does.
			Signal.handle(new Signal("TERM"), (signal) -> System.exit(0));
		}
		catch (IllegalArgumentException ex) {
			logger.debug("SIGTERM cannot be handled here: {}", ex.getMessage());
		}
	}

}
