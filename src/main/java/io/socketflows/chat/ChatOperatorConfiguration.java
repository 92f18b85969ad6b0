package io.socketflows.chat;

import java.io.Console;
import java.lang.reflect.Method;

import io.socketflows.support.SocketsProperties;
import io.socketflows.support.SocketsProperties.Operator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses who answers the chat clients: the configured operator, else the console when there is a terminal.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sockets.chat.enabled", matchIfMissing = true)
class ChatOperatorConfiguration {

	@Bean
	ChatOperator chatOperator(SocketsProperties sockets, Conversations conversations) {
		Operator operator = (sockets.chat().operator() != null) ? sockets.chat().operator()
				: (hasTerminal() ? Operator.CONSOLE : Operator.AUTO);
		return switch (operator) {
			case CONSOLE -> new ConsoleOperator(conversations, System.in, System.out);
			case AUTO -> new AutoOperator(conversations, sockets.chat().autoReply());
			case WEB -> new WebOperator();
		};
	}

	/**
	 * Java 22+ returns a console even when stdin is not a terminal: ask it, where it can be asked.
	 */
	static boolean hasTerminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return (boolean) isTerminal.invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			// Before Java 22 a console exists only with a terminal.
			return true;
		}
	}

}
