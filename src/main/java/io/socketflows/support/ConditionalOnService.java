package io.socketflows.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Present only while a service is enabled ({@code sockets.<service>.enabled}, true unless set to false).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(ConditionalOnService.OnServiceCondition.class)
public @interface ConditionalOnService {

	/** @return the service */
	SocketService value();

	/** Reads the service's {@code enabled} property. */
	class OnServiceCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnService.class.getName());
			SocketService service = (SocketService) attributes.get("value");
			String property = "sockets." + service.id() + ".enabled";
			boolean enabled = context.getEnvironment().getProperty(property, Boolean.class, true);
			return new ConditionOutcome(enabled, property + " is " + enabled);
		}

	}

}
