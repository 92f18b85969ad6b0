package io.socketflows.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import io.socketflows.support.SocketsProperties;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration a pod runs with, as Spring Boot layers it: the chart's application.yml (loaded from
 * SPRING_CONFIG_ADDITIONAL_LOCATION, so it wins) over the profile's file over the application's own
 * application.yml; bound as the application binds it, without starting anything.
 */
final class ApplicationConfig {

	private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

	private final Binder binder;

	private final List<ConfigurationPropertySource> sources;

	private ApplicationConfig(List<ConfigurationPropertySource> sources) {
		this.sources = sources;
		this.binder = new Binder(sources, null, ApplicationConversionService.getSharedInstance());
	}

	/**
	 * @param chartYaml the application.yml the chart renders
	 * @param profile the profile the chart activates
	 * @return the layered configuration
	 */
	static ApplicationConfig of(String chartYaml, String profile) {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		sources.addAll(load("chart application.yml", new ByteArrayResource(chartYaml.getBytes(StandardCharsets.UTF_8))));
		ClassPathResource profileFile = new ClassPathResource("application-" + profile + ".yml");
		assertThat(profileFile.exists()).as("the application has a %s profile", profile).isTrue();
		sources.addAll(load(profileFile.getFilename(), profileFile));
		sources.addAll(load("application.yml", new ClassPathResource("application.yml")));
		return new ApplicationConfig(sources);
	}

	/** @return the application's own configuration, without the chart's */
	static ApplicationConfig application() {
		return new ApplicationConfig(load("application.yml", new ClassPathResource("application.yml")));
	}

	private static List<ConfigurationPropertySource> load(String name, Resource resource) {
		try {
			List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(name, resource);
			return loaded.stream().map(ConfigurationPropertySource::from).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Binds {@code sockets.*} to the application's properties record, failing on a key the record does not
	 * have (a typo would otherwise be ignored), then validates it as {@code @Validated} does at start-up.
	 * @return the bound properties
	 */
	SocketsProperties sockets() {
		Binder strict = new Binder(this.sources, null, ApplicationConversionService.getSharedInstance());
		SocketsProperties properties = strict.bindOrCreate("sockets", Bindable.of(SocketsProperties.class),
				new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		Validator validator = VALIDATION.getValidator();
		Set<ConstraintViolation<SocketsProperties>> violations = validator.validate(properties);
		assertThat(violations).as("constraint violations of the bound sockets properties").isEmpty();
		return properties;
	}

	<T> T get(String name, Class<T> type) {
		return this.binder.bind(name, type).orElse(null);
	}

}
