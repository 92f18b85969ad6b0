package io.socketflows.chat.cluster;

import java.util.Arrays;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Boot's Redis auto-configuration (connection factory, templates, {@code redis} health) out unless
 * {@code sockets.chat.cluster=redis} (and the chat enabled): the starter is on every run's class path, and without a cluster there is no
 * Redis to connect to, report on or pay for. A filter rather than {@code spring.autoconfigure.exclude}, which an
 * operator's own exclusions would replace.
 */
class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS = "org.springframework.boot.data.redis.autoconfigure.";

	private boolean cluster;

	@Override
	public void setEnvironment(Environment environment) {
		this.cluster = "redis".equalsIgnoreCase(environment.getProperty("sockets.chat.cluster", "none").strip())
				&& environment.getProperty("sockets.chat.enabled", Boolean.class, true);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		Arrays.fill(matches, true);
		if (!this.cluster) {
			for (int i = 0; i < matches.length; i++) {
				matches[i] = autoConfigurationClasses[i] == null || !autoConfigurationClasses[i].startsWith(REDIS);
			}
		}
		return matches;
	}

}
