package io.socketflows.support;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Enum constants in the words the properties, the command line, the metrics and the logs use: {@code LENGTH_HEADER_1}
 * is {@code length-header-1}, as Boot's relaxed binding reads it.
 */
public final class EnumNames {

	private EnumNames() {
	}

	/**
	 * @param value a constant
	 * @return its name in lower case, words joined by hyphens
	 */
	public static String kebab(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * @param type an enum
	 * @return every constant's {@link #kebab(Enum) kebab} name, in declaration order
	 */
	public static List<String> kebab(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(EnumNames::kebab).toList();
	}

	/**
	 * @param <E> the enum
	 * @param type the enum's class
	 * @param words a {@link #kebab(Enum) kebab} name, in any case, with hyphens or underscores
	 * @return the constant, or empty when none has that name
	 */
	public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String words) {
		String name = words.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		return Arrays.stream(type.getEnumConstants()).filter((value) -> value.name().equals(name)).findFirst();
	}

}
