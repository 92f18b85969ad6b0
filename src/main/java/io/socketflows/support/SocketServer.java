package io.socketflows.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the server side (connection factory or UDP adapter) of one service, where beans of one type meet: on
 * the {@code @Bean} method that declares it and on the parameters that take it.
 */
@Documented
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD })
public @interface SocketServer {

	/** @return the service */
	SocketService value();

}
