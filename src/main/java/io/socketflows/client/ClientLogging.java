package io.socketflows.client;

/**
 * Logging of a client process: warnings and errors on standard error, standard output left to the replies.
 */
public final class ClientLogging {

	private ClientLogging() {
	}

	/**
	 * Spring and Spring Integration log through Commons Logging: in a client, its simple logger, on standard
	 * error, so that a client spares itself the start of Logback and of the Log4j API that Commons Logging would
	 * probe (a large part of its start-up: bench/results/notes-in-code.md). Spring Integration's own errors reach
	 * the command as exceptions, told in one line. What logs through SLF4J (Netty under {@code client bench}) sets
	 * Logback up from {@code logback-client.xml} the first time it logs.
	 * <p>
	 * Process-wide: for a client process only, before anything logs.
	 */
	public static void toStandardError() {
		System.setProperty("org.apache.commons.logging.LogFactory", "org.apache.commons.logging.impl.LogFactoryImpl");
		System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.SimpleLog");
		System.setProperty("org.apache.commons.logging.simplelog.defaultlog", "warn");
		System.setProperty("org.apache.commons.logging.simplelog.log.org.springframework.integration", "off");
		System.setProperty("logback.configurationFile", "io/socketflows/client/logback-client.xml");
	}

}
