package io.socketflows.support;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;

/**
 * A {@code sockets.*} value that cannot be bound, in the documented words: an unknown key with the nearest valid
 * one, an unknown choice with the allowed ones in kebab case ({@code length-header-1}), another bad value with its
 * reason but without Java's class names. Before Boot's own analyzers, which list enum constants
 * ({@code LENGTH_HEADER_1}) and converter classes; validation failures are left to them (they name the property and
 * the constraint already).
 */
class SocketsPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "sockets";

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!cause.getName().toString().startsWith(PREFIX)) {
			return null;
		}
		if (cause.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unknownKeys(unbound, cause);
		}
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		if (conversion == null) {
			return null;
		}
		String property = cause.getName().toString();
		String value = describe(cause.getProperty(), conversion.getValue());
		if (conversion.getTargetType().getType().isEnum()) {
			@SuppressWarnings("unchecked")
			String allowed = String.join(", ",
					EnumNames.kebab((Class<? extends Enum<?>>) conversion.getTargetType().getType()));
			return new FailureAnalysis(property + value + " is not one of: " + allowed,
					"Set " + property + " to one of: " + allowed + ".", cause);
		}
		return new FailureAnalysis(property + value + " is not valid: " + reason(conversion),
				"Correct " + property + " (the README's configuration table describes it).", cause);
	}

	private static FailureAnalysis unknownKeys(UnboundConfigurationPropertiesException unbound, BindException cause) {
		List<String> known = knownKeys();
		List<String> lines = new ArrayList<>();
		for (ConfigurationProperty property : unbound.getUnboundProperties()) {
			String name = property.getName().toString();
			lines.add(name + describe(property, null) + " is not a property: did you mean " + nearest(name, known)
					+ "?");
		}
		return new FailureAnalysis(String.join("\n", lines),
				"Correct or remove " + (lines.size() == 1 ? "it" : "them")
						+ ": every sockets.* key must be known, so that a misspelt one is not silently ignored"
						+ " (the README's configuration table lists them).",
				cause);
	}

	/** @return {@code ="value" (origin)}, as much of it as is known */
	private static String describe(ConfigurationProperty property, Object fallbackValue) {
		Object value = (property != null) ? property.getValue() : fallbackValue;
		String origin = (property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
		return ((value != null) ? "=\"" + value + "\"" : "") + origin;
	}

	/** The innermost message: what the parser said, not the converter's class names. */
	private static String reason(Throwable failure) {
		String reason = null;
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				reason = cause.getMessage();
			}
		}
		return (reason != null) ? reason : "it cannot be read";
	}

	/** @return every leaf of the record tree, {@code sockets.echo.max-message-size} */
	static List<String> knownKeys() {
		List<String> keys = new ArrayList<>();
		collect(PREFIX, SocketsProperties.class, keys);
		return keys;
	}

	private static void collect(String prefix, Class<?> type, List<String> keys) {
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
			if (component.getType().isRecord()) {
				collect(name, component.getType(), keys);
			}
			else {
				keys.add(name);
			}
		}
	}

	/** @return the known key at the least edit distance, written as Boot reads it: no dashes, no case, no index */
	static String nearest(String unknown, List<String> known) {
		String wanted = canonical(unknown);
		return known.stream()
			.min(Comparator.comparingInt((String key) -> distance(canonical(key), wanted)))
			.orElseThrow();
	}

	private static String canonical(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replaceAll("\\[[^]]*]", "");
	}

	/** Levenshtein's distance. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
