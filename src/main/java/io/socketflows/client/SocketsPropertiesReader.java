package io.socketflows.client;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.socketflows.support.SocketsProperties;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * The {@code sockets} tree as a plain client reads it: each property from a system property
 * ({@code -Dsockets.echo.port=4000}), else an environment variable named as Boot names it ({@code SOCKETS_ECHO_PORT},
 * {@code SOCKETS_ECHO_MAXMESSAGESIZE} or {@code SOCKETS_ECHO_MAX_MESSAGE_SIZE}), else the {@code @DefaultValue} of
 * its record component, where each default is written.
 * <p>
 * Why not Boot's {@code Binder}: with its conversion service it was the larger part of a client's start-up (some 460
 * classes), for a handful of values. The values are converted as Boot converts them: durations ({@code 5s},
 * {@code PT5S}) and sizes ({@code 64KB}) by Boot's and Spring's own parsers, enums in any case with {@code -} for
 * {@code _}, lists separated by commas, other types by their static {@code of(String)}. Not validated: a client
 * checks what it uses as it parses its options.
 */
final class SocketsPropertiesReader {

	private final Map<String, String> environment;

	private final Properties system;

	private SocketsPropertiesReader(Map<String, String> environment, Properties system) {
		this.environment = environment;
		this.system = system;
	}

	/**
	 * @param environment the process's environment variables
	 * @param system the system properties
	 * @return the {@code sockets} tree
	 * @throws IllegalArgumentException naming the property and where its value came from, if a value is not of
	 * its type
	 */
	static SocketsProperties read(Map<String, String> environment, Properties system) {
		return new SocketsPropertiesReader(environment, system).record("sockets", SocketsProperties.class);
	}

	private <R> R record(String prefix, Class<R> type) {
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
		}
		try {
			Constructor<R> constructor = type.getDeclaredConstructor(types);
			Parameter[] parameters = constructor.getParameters();
			Object[] values = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				String name = prefix + "." + kebabCase(components[i].getName());
				values[i] = value(name, components[i].getGenericType(), parameters[i].getAnnotation(DefaultValue.class));
			}
			return constructor.newInstance(values);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalArgumentException(prefix + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create " + type.getName(), ex);
		}
	}

	private Object value(String name, Type type, DefaultValue defaultValue) {
		Class<?> raw = (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
				: (Class<?>) type;
		Given given = given(name);
		if (raw.isRecord() && given == null && defaultValue != null && defaultValue.value().length == 0) {
			return record(name, raw);
		}
		String text = (given != null) ? given.value()
				: (defaultValue != null) ? String.join(",", defaultValue.value()) : null;
		if (text == null) {
			// As Boot leaves a component that has no default and no value.
			if (raw == boolean.class) {
				return Boolean.FALSE;
			}
			if (raw == int.class) {
				return 0;
			}
			return (raw == double.class) ? (Object) 0.0 : null;
		}
		try {
			if (raw == List.class) {
				Class<?> element = (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[0];
				List<Object> list = new ArrayList<>();
				for (String item : text.split(",")) {
					if (!item.isBlank()) {
						list.add(convert(element, item.trim()));
					}
				}
				return List.copyOf(list);
			}
			return convert(raw, text);
		}
		catch (RuntimeException ex) {
			String source = (given != null) ? " (from " + given.source() + ")" : "";
			throw new IllegalArgumentException(name + ": '" + text + "'" + source + " is not a valid "
					+ raw.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	private static Object convert(Class<?> type, String text) {
		if (type == String.class) {
			return text;
		}
		if (type == int.class || type == Integer.class) {
			return Integer.valueOf(text.trim());
		}
		if (type == double.class || type == Double.class) {
			return Double.valueOf(text.trim());
		}
		if (type == boolean.class || type == Boolean.class) {
			String value = text.trim().toLowerCase(Locale.ROOT);
			if (!value.equals("true") && !value.equals("false")) {
				throw new IllegalArgumentException("not true or false");
			}
			return Boolean.valueOf(value);
		}
		if (type == Duration.class) {
			return DurationStyle.detectAndParse(text.trim());
		}
		if (type == DataSize.class) {
			return DataSize.parse(text.trim());
		}
		if (type.isEnum()) {
			return enumConstant(type, text);
		}
		if (type == InetAddress.class) {
			try {
				return InetAddress.getByName(text.trim());
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(ex.getMessage(), ex);
			}
		}
		return fromFactory(type, text);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumConstant(Class<?> type, String text) {
		return Enum.valueOf((Class<? extends Enum>) type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/** A type such as {@code Cidr} reads itself from text, as Boot finds out by the same static method. */
	private static Object fromFactory(Class<?> type, String text) {
		try {
			Method of = type.getMethod("of", String.class);
			if (!Modifier.isStatic(of.getModifiers())) {
				throw new IllegalStateException("No static of(String) on " + type.getName());
			}
			return of.invoke(null, text);
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalArgumentException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("No static of(String) on " + type.getName(), ex);
		}
	}

	private Given given(String name) {
		return given(name, this.environment, this.system);
	}

	/**
	 * @param name a property, such as {@code spring.profiles.active}
	 * @param environment the process's environment variables
	 * @param system the system properties
	 * @return whether the user gave it a value
	 */
	static boolean isGiven(String name, Map<String, String> environment, Properties system) {
		return given(name, environment, system) != null;
	}

	/** The system property, else the environment variable as Boot maps names to variables, or null. */
	private static Given given(String name, Map<String, String> environment, Properties system) {
		String property = system.getProperty(name);
		if (property != null) {
			return new Given(property, "-D" + name);
		}
		String upper = name.toUpperCase(Locale.ROOT).replace('.', '_');
		for (String variable : new String[] { name, upper.replace("-", ""), upper.replace('-', '_') }) {
			String value = environment.get(variable);
			if (value != null) {
				return new Given(value, variable);
			}
		}
		return null;
	}

	/** {@code maxMessageSize} as the configuration writes it: {@code max-message-size}. */
	private static String kebabCase(String name) {
		StringBuilder kebab = new StringBuilder(name.length() + 4);
		for (char c : name.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

	/**
	 * A value the user gave.
	 *
	 * @param value the text
	 * @param source where it came from, for a message
	 */
	private record Given(String value, String source) {
	}

}
