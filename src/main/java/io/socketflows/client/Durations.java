package io.socketflows.client;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads {@code --timeout} as the configuration does ({@code 5s}, {@code 500ms}, {@code PT1M}) and shows it back.
 */
public final class Durations implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a duration such as 5s, 500ms or 1m");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new TypeConversionException("'" + value + "' is not a positive duration");
		}
		return duration;
	}

	/** @return {@code 5s}, or {@code 1500ms} when it is not a whole number of seconds */
	static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
