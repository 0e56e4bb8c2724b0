package org.opentalks.gateway.request;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A number within {@code [min, max]}, both inclusive; null is valid. Schema: {@code minimum}, {@code maximum}. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = NumberRange.Check.class)
public @interface NumberRange {
    double min();

    double max();

    String message() default "is out of range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The validator: the violation's message names the bounds. */
    final class Check implements ConstraintValidator<NumberRange, Number> {
        private double min;
        private double max;

        @Override
        public void initialize(NumberRange annotation) {
            min = annotation.min();
            max = annotation.max();
        }

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            if (value == null || value.doubleValue() >= min && value.doubleValue() <= max) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be between " + plain(min) + " and " + plain(max))
                    .addConstraintViolation();
            return false;
        }

        /** {@code 60}, not {@code 60.0}; {@code 0.5} as it is. */
        static String plain(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }
    }
}
