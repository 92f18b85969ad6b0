package io.socketflows.testsupport;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where this host can listen on the IPv6 loopback {@code ::1}; skipped with the reason
 * otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@ExtendWith(EnabledIfIpv6.Condition.class)
public @interface EnabledIfIpv6 {

	/** Tries to bind {@code ::1}. */
	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
				return ConditionEvaluationResult.enabled("::1 is available");
			}
			catch (IOException | RuntimeException ex) {
				return ConditionEvaluationResult.disabled("no IPv6 loopback on this host: " + ex);
			}
		}

	}

}
