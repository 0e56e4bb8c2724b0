package org.opentalks.gateway.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The request's scalar types as D-ID clients really send them: booleans and numbers may also be
 * strings ({@code "true"}, {@code " 0.5 "}), as many clients build their bodies from form fields or
 * environment variables. Nothing else is coerced: a number where a string belongs, {@code 1} for a
 * boolean or {@code 2.5} for an integer is refused with a message that says what was expected.
 */
final class LenientScalars {
    /** A decimal number as JSON writes one, with optional sign and exponent; no hex, NaN or Infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("opentalks-lenient-scalars");
        module.addDeserializer(Boolean.class, new BooleanValue());
        module.addDeserializer(Double.class, new DoubleValue());
        module.addDeserializer(Integer.class, new IntegerValue());
        module.addDeserializer(String.class, new TextValue());
        return module;
    }

    /** A string, or a number written as one (only where a field is annotated with it, e.g. a voice's rate). */
    static final class TextOrNumber extends StdScalarDeserializer<String> {
        TextOrNumber() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isNumeric()) {
                return p.getText();
            }
            return (String) ctxt.reportInputMismatch(this, "must be a string or a number");
        }
    }

    private static final class TextValue extends StdScalarDeserializer<String> {
        TextValue() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            return (String) ctxt.reportInputMismatch(this, "must be a string");
        }
    }

    private static final class BooleanValue extends StdScalarDeserializer<Boolean> {
        BooleanValue() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim().toLowerCase(Locale.ROOT);
                if (text.equals("true") || text.equals("false")) {
                    return text.equals("true");
                }
            }
            return (Boolean) ctxt.reportInputMismatch(this, "must be a boolean");
        }
    }

    private static final class DoubleValue extends StdScalarDeserializer<Double> {
        DoubleValue() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = decimal(p);
            double number = value == null ? Double.NaN : value.doubleValue();
            if (!Double.isFinite(number)) {
                return (Double) ctxt.reportInputMismatch(this, "must be a number");
            }
            return number;
        }
    }

    private static final class IntegerValue extends StdScalarDeserializer<Integer> {
        IntegerValue() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = decimal(p);
            if (value == null) {
                return (Integer) ctxt.reportInputMismatch(this, "must be an integer");
            }
            try {
                return value.stripTrailingZeros().intValueExact();
            } catch (ArithmeticException notAnInt) {
                return (Integer) ctxt.reportInputMismatch(this, "must be an integer");
            }
        }
    }

    /** A JSON number, or a string holding a decimal; null for anything else. */
    private static BigDecimal decimal(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token.isNumeric()) {
            return p.getDecimalValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText().trim();
            // A bounded length: an exponent like 1e999999999 would be costly to expand.
            if (text.length() <= 64 && DECIMAL.matcher(text).matches()) {
                BigDecimal value = new BigDecimal(text);
                return Math.abs((long) value.scale()) < 400 ? value : null;
            }
        }
        return null;
    }

    private LenientScalars() {
    }
}
