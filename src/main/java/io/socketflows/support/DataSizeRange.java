package io.socketflows.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.util.unit.DataSize;

/**
 * A {@link DataSize} between two byte counts; Bean Validation has no constraint for it.
 */
@Documented
@Constraint(validatedBy = DataSizeRange.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface DataSizeRange {

	/** @return the smallest size allowed, in bytes */
	long min();

	/** @return the largest size allowed, in bytes */
	long max();

	/** @return the message */
	String message() default "must be between {min} and {max} bytes";

	/** @return the groups */
	Class<?>[] groups() default {};

	/** @return the payload */
	Class<? extends Payload>[] payload() default {};

	/** Checks the range; a missing value is left to {@code @NotNull}. */
	class Validator implements ConstraintValidator<DataSizeRange, DataSize> {

		private long min;

		private long max;

		@Override
		public void initialize(DataSizeRange range) {
			this.min = range.min();
			this.max = range.max();
		}

		@Override
		public boolean isValid(DataSize value, ConstraintValidatorContext context) {
			return value == null || (value.toBytes() >= this.min && value.toBytes() <= this.max);
		}

	}

}
