package io.socketflows.support;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether a person sits at this process's terminal: the chat's console operator and the chat client's prompt
 * depend on it.
 */
public final class Terminal {

	private Terminal() {
	}

	/** Java 22+ returns a console even when stdin is not a terminal: ask it, where it can be asked. */
	public static boolean isPresent() {
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
