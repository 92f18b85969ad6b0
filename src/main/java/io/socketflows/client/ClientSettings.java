package io.socketflows.client;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.socketflows.support.SocketsProperties;

import org.springframework.boot.ssl.SslBundle;

/**
 * What a client reads besides its options. By default only system properties, environment variables and the
 * defaults of the {@code sockets} properties ({@link SocketsPropertiesReader}); the configuration files as the
 * servers read them ({@link ConfigurationFiles}) only when the user asks for them: {@code --bundle}, or a profile
 * or a configuration location named ({@code SPRING_PROFILES_ACTIVE}, {@code SPRING_CONFIG_LOCATION}, ...). A
 * client that sends one line has no use for Boot's config data, YAML and binder, which took longer than the rest of
 * its start-up together.
 */
public final class ClientSettings {

	/** The properties by which a user names configuration files, as Boot reads them (or their variables). */
	private static final List<String> FILE_PROPERTIES = List.of("spring.profiles.active", "spring.config.location",
			"spring.config.additional-location", "spring.config.import");

	private static final String BUNDLE_OPTION = "--bundle";

	private final SocketsProperties sockets;

	private final ConfigurationFiles files;

	private ClientSettings(SocketsProperties sockets, ConfigurationFiles files) {
		this.sockets = sockets;
		this.files = files;
	}

	/**
	 * @param args the client's command line, after {@code client}
	 * @param environment the process's environment variables
	 * @param system the system properties
	 * @return whether the configuration files are to be read: {@code --bundle} among the options, or a profile
	 * or a configuration location named
	 */
	public static boolean filesAskedFor(List<String> args, Map<String, String> environment, Properties system) {
		for (String arg : args) {
			if ("--".equals(arg)) {
				break; // what follows is not an option
			}
			if (BUNDLE_OPTION.equals(arg) || arg.startsWith(BUNDLE_OPTION + "=")) {
				return true;
			}
		}
		return FILE_PROPERTIES.stream()
			.anyMatch((property) -> SocketsPropertiesReader.isGiven(property, environment, system));
	}

	/**
	 * @param environment the process's environment variables
	 * @param system the system properties
	 * @return the {@code sockets} tree from them and its defaults, no file read
	 */
	public static ClientSettings fromEnvironment(Map<String, String> environment, Properties system) {
		return new ClientSettings(SocketsPropertiesReader.read(environment, system), null);
	}

	/** @return the configuration files, environment variables and system properties, read as the servers do */
	public static ClientSettings fromFiles() {
		ConfigurationFiles files = ConfigurationFiles.read();
		return new ClientSettings(files.sockets(), files);
	}

	/** @return the {@code sockets} configuration */
	public SocketsProperties sockets() {
		return this.sockets;
	}

	/**
	 * The SSL bundle of {@code --bundle}; Boot's {@code spring.ssl} is bound only then.
	 * @param name a bundle under {@code spring.ssl.bundle.pem} or {@code spring.ssl.bundle.jks}
	 * @return the bundle
	 * @throws ClientFailure (usage) if no bundle has that name
	 */
	public SslBundle sslBundle(String name) {
		// Read here if the command line did not show --bundle as such: never used without the files.
		ConfigurationFiles bundles = (this.files != null) ? this.files : ConfigurationFiles.read();
		return bundles.sslBundle(name);
	}

}
