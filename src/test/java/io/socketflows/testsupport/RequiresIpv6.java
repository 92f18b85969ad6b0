package io.socketflows.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where this host can listen on the IPv6 loopback {@code ::1}: skipped with the reason otherwise,
 * failed under {@code CI=true} (see {@link Required}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@ExtendWith(RequiresIpv6.Check.class)
public @interface RequiresIpv6 {

	/** Checks before a class's application context starts (on a type) or before the test (on a method). */
	class Check implements BeforeAllCallback, BeforeEachCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			Required.ipv6Loopback();
		}

		@Override
		public void beforeEach(ExtensionContext context) {
			Required.ipv6Loopback();
		}

	}

}
