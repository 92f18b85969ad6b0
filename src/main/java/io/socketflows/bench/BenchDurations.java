package io.socketflows.bench;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads a duration as the configuration does ({@code 5s}, {@code 250ms}), like the clients' {@code --timeout}.
 */
final class BenchDurations implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a duration such as 5s or 250ms");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new TypeConversionException("'" + value + "' is not a positive duration");
		}
		return duration;
	}

}
