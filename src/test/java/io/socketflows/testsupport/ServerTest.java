package io.socketflows.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;

/**
 * The whole application on free ports: every listener on port 0, HTTP on a random port, the chat answered
 * by the automatic operator, the operator's login known ({@link Http#asOperator}). Tests with the same extra properties share one context.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sockets.echo.port=0", "sockets.ack.port=0", "sockets.udp.port=0", "sockets.chat.port=0",
				"sockets.chat.operator=auto", "management.server.port=0",
				"spring.security.user.name=" + Http.OPERATOR, "spring.security.user.password=" + Http.OPERATOR_PASSWORD })
public @interface ServerTest {

	/** @return extra command-line arguments, {@code --key=value} */
	@AliasFor(annotation = SpringBootTest.class, attribute = "args")
	String[] args() default {};

}
