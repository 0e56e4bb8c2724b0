package org.opentalks.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opentalks.gateway.rest.ApiException;

/**
 * Typed reads of one JSON object of a request, each failing with D-ID's ValidationError keyed by the
 * field's request path ({@code body.config.pad_audio}). Booleans and numbers are also accepted as
 * strings ({@code "ssml": "false"}, {@code "pad_audio": "0.0"}), as many D-ID clients send them.
 */
final class JsonFields {
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}; fields outside {@code allowed} are refused, as D-ID's schemas do. */
    static JsonFields of(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw ApiException.validation(path, "must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.validation(path + "." + name, "'" + name + "' is not an allowed field");
            }
        }
        return new JsonFields(node, path);
    }

    String path(String field) {
        return path + "." + field;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    JsonNode node(String field) {
        return node.get(field);
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.validation(path(field), "must be a string");
        }
        return value.asText();
    }

    String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw ApiException.validation(path(field), "'" + field + "' is required");
        }
        return value;
    }

    String oneOf(String field, List<String> values, String fallback) {
        String value = string(field);
        if (value == null) {
            return fallback;
        }
        if (!values.contains(value)) {
            throw ApiException.validation(path(field), "must be one of: " + String.join(", ", values));
        }
        return value;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.getNodeType() == JsonNodeType.BOOLEAN) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        throw ApiException.validation(path(field), "must be a boolean");
    }

    double number(String field, double fallback, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        double number = number(value, path(field));
        if (number < min || number > max) {
            throw ApiException.validation(path(field), "must be between " + plain(min) + " and " + plain(max));
        }
        return number;
    }

    int integer(String field, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return integer(value, path(field), min, max);
    }

    int requiredInteger(String field, int min, int max) {
        if (!has(field)) {
            throw ApiException.validation(path(field), "'" + field + "' is required");
        }
        return integer(field, 0, min, max);
    }

    /** An array of exactly {@code length} integers, e.g. a position {@code [x, y]}. */
    List<Integer> integers(String field, int length, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.validation(path(field), "'" + field + "' is required");
        }
        if (!value.isArray() || value.size() != length) {
            throw ApiException.validation(path(field), "must be an array of " + length + " integers");
        }
        List<Integer> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(integer(value.get(i), path(field) + "[" + i + "]", min, max));
        }
        return out;
    }

    static int integer(JsonNode value, String path, int min, int max) {
        double number = number(value, path);
        if (number != Math.rint(number)) {
            throw ApiException.validation(path, "must be an integer");
        }
        if (number < min || number > max) {
            throw ApiException.validation(path, "must be between " + min + " and " + max);
        }
        return (int) number;
    }

    private static double number(JsonNode value, String path) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                double parsed = Double.parseDouble(value.asText().trim());
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // falls through to the validation error
            }
        }
        throw ApiException.validation(path, "must be a number");
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
