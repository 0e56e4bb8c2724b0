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
import java.util.List;

/** A string that must be one of {@link #value()} (exactly, or ignoring case); null is valid. Schema: {@code enum}. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = OneOf.Check.class)
public @interface OneOf {
    String[] value();

    boolean ignoreCase() default false;

    String message() default "must be one of the listed values";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The validator: the violation's message lists the values. */
    final class Check implements ConstraintValidator<OneOf, String> {
        private List<String> values;
        private boolean ignoreCase;

        @Override
        public void initialize(OneOf annotation) {
            values = List.of(annotation.value());
            ignoreCase = annotation.ignoreCase();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null
                    || values.stream().anyMatch(v -> ignoreCase ? v.equalsIgnoreCase(value) : v.equals(value))) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(escape("must be one of: " + String.join(", ", values)))
                    .addConstraintViolation();
            return false;
        }

        /** Message templates treat braces, dollars and backslashes as syntax. */
        private static String escape(String text) {
            return text.replaceAll("([\\\\{}$])", "\\\\$1");
        }
    }
}
