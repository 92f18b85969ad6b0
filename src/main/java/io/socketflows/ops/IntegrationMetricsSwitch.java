package io.socketflows.ops;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;
import org.springframework.stereotype.Component;

/**
 * With Spring Integration's meters turned off ({@code management.metrics.enable.spring.integration=false}, our
 * default), leaves out its metrics captor: the meters are then no-ops, but the captor would still start and stop a
 * timer sample around every send and every handler, on the path every message takes.
 */
@Component
class IntegrationMetricsSwitch implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	static final String PROPERTY = "management.metrics.enable.spring.integration";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!this.environment.getProperty(PROPERTY, Boolean.class, true)
				&& registry.containsBeanDefinition(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME)) {
			registry.removeBeanDefinition(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME);
		}
	}

}
