package org.opentalks.speech.cloud;

import java.util.Locale;
import java.util.Map;
import org.opentalks.speech.SpeechException;

/**
 * Reads {@code voice_config} values as D-ID clients send them: numbers and booleans as JSON values or as
 * strings ({@code "0.5"}, {@code "true"}). A value that cannot be read is a {@link SpeechException.Cause#VOICE}
 * error naming the key and what it takes.
 */
final class VoiceConfig {
    private final Map<String, Object> values;

    VoiceConfig(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** The first of {@code keys} present, as trimmed text; null if none is. */
    String string(String... keys) {
        for (String key : keys) {
            Object v = values.get(key);
            if (v != null && !v.toString().isBlank()) {
                return v.toString().strip();
            }
        }
        return null;
    }

    /** A number in [min, max] under the first of {@code keys} present; null if none is. */
    Double number(double min, double max, String... keys) {
        String text = string(keys);
        if (text == null) {
            return null;
        }
        double n;
        try {
            n = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            n = Double.NaN;
        }
        if (!(n >= min && n <= max)) {
            throw new SpeechException(SpeechException.Cause.VOICE, "voice_config." + presentKey(keys)
                    + " must be a number from " + plain(min) + " to " + plain(max) + ", not '" + text + "'.");
        }
        return n;
    }

    /** A boolean under the first of {@code keys} present; null if none is. */
    Boolean bool(String... keys) {
        String text = string(keys);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SpeechException(SpeechException.Cause.VOICE, "voice_config." + presentKey(keys)
                    + " must be true or false, not '" + text + "'.");
        };
    }

    private String presentKey(String... keys) {
        for (String key : keys) {
            if (values.get(key) != null) {
                return key;
            }
        }
        return keys[0];
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
