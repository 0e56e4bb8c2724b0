package org.opentalks.speech;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast, how high and how loud to speak, relative to a voice's own delivery, in the units every
 * engine can apply: a rate factor (2 = twice as fast, durations halved), a pitch shift in semitones,
 * and a gain in decibels. Parsed from {@code voice_config} ({@code rate}, {@code pitch}, {@code volume})
 * and from SSML {@code <prosody>}, in the values Azure's SSML documents: named levels, relative
 * numbers and percentages, semitones and hertz.
 *
 * @param rate           speaking-rate factor, 0.25–4
 * @param pitchSemitones pitch shift, −24 to +24 semitones
 * @param volumeDb       gain, −60 (silent) to +20 dB
 */
public record Prosody(double rate, double pitchSemitones, double volumeDb) {
    public static final Prosody NEUTRAL = new Prosody(1, 0, 0);
    /** The f0 a relative pitch in Hz is taken against when the engine does not say its own (a mid speaking voice). */
    public static final double NOMINAL_F0_HZ = 160;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WITH_UNIT = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(%|st|hz|db)?");

    public Prosody {
        if (!(rate >= 0.25 && rate <= 4) || !(pitchSemitones >= -24 && pitchSemitones <= 24)
                || !(volumeDb >= -60 && volumeDb <= 20)) {
            throw new IllegalArgumentException("prosody out of range: rate " + rate + ", pitch " + pitchSemitones
                    + " st, volume " + volumeDb + " dB");
        }
    }

    /** {@code inner} applied within this prosody: rates multiply, shifts and gains add (then clamped). */
    public Prosody then(Prosody inner) {
        return new Prosody(clamp(rate * inner.rate, 0.25, 4), clamp(pitchSemitones + inner.pitchSemitones, -24, 24),
                clamp(volumeDb + inner.volumeDb, -60, 20));
    }

    /** The pitch as a frequency factor: {@code 2^(semitones / 12)}. */
    public double pitchFactor() {
        return Math.pow(2, pitchSemitones / 12);
    }

    public boolean isNeutral() {
        return equals(NEUTRAL);
    }

    /**
     * The prosody a {@code voice_config} asks for: its {@code rate}, {@code pitch} and {@code volume}
     * (other keys, such as {@code style}, are not prosody).
     *
     * @throws IllegalArgumentException naming the key whose value cannot be read
     */
    public static Prosody of(Map<String, Object> voiceConfig) {
        if (voiceConfig == null) {
            return NEUTRAL;
        }
        Object rate = voiceConfig.get("rate");
        Object pitch = voiceConfig.get("pitch");
        Object volume = voiceConfig.get("volume");
        return new Prosody(rate == null ? 1 : rate(rate.toString()), pitch == null ? 0 : pitch(pitch.toString()),
                volume == null ? 0 : volume(volume.toString()));
    }

    /**
     * A speaking rate: {@code x-slow} 0.5, {@code slow} 0.64, {@code medium}/{@code default} 1, {@code fast}
     * 1.55, {@code x-fast} 2 (Azure's levels); a relative number ({@code 0.8}: a factor); a percentage
     * ({@code +25%}, {@code -20%}: a change).
     */
    public static double rate(String value) {
        String v = normal(value);
        double rate = switch (v) {
            case "x-slow" -> 0.5;
            case "slow" -> 0.64;
            case "medium", "default" -> 1;
            case "fast" -> 1.55;
            case "x-fast" -> 2;
            default -> {
                Matcher m = WITH_UNIT.matcher(v);
                if (!m.matches() || m.group(2) != null && !m.group(2).equals("%")) {
                    throw new IllegalArgumentException("rate '" + value + "' is not x-slow…x-fast, a number or a "
                            + "percentage");
                }
                double n = Double.parseDouble(m.group(1));
                yield m.group(2) == null ? n : 1 + n / 100;
            }
        };
        if (!(rate >= 0.25 && rate <= 4)) {
            throw new IllegalArgumentException("rate '" + value + "' is outside 0.25 to 4 times the voice's own");
        }
        return rate;
    }

    /**
     * A pitch shift in semitones: {@code x-low} −6, {@code low} −3, {@code medium}/{@code default} 0,
     * {@code high} +3, {@code x-high} +6; {@code +2st}; a percentage of the frequency ({@code +10%}); hertz
     * relative ({@code +20Hz}) or absolute ({@code 180Hz}), against {@link #NOMINAL_F0_HZ}.
     */
    public static double pitch(String value) {
        return pitch(value, NOMINAL_F0_HZ);
    }

    /** {@link #pitch(String)} with hertz taken against the voice's own mean f0 {@code baseHz}. */
    public static double pitch(String value, double baseHz) {
        String v = normal(value);
        double st = switch (v) {
            case "x-low" -> -6;
            case "low" -> -3;
            case "medium", "default" -> 0;
            case "high" -> 3;
            case "x-high" -> 6;
            default -> {
                Matcher m = WITH_UNIT.matcher(v);
                if (!m.matches() || m.group(2) == null || m.group(2).equals("db")) {
                    throw new IllegalArgumentException("pitch '" + value + "' is not x-low…x-high, semitones (+2st), "
                            + "a percentage or hertz");
                }
                double n = Double.parseDouble(m.group(1));
                boolean signed = m.group(1).startsWith("+") || m.group(1).startsWith("-");
                yield switch (m.group(2)) {
                    case "st" -> n;
                    case "%" -> semitones(1 + n / 100);
                    default -> signed ? semitones((baseHz + n) / baseHz) : semitones(n / baseHz);
                };
            }
        };
        if (!(st >= -24 && st <= 24)) {
            throw new IllegalArgumentException("pitch '" + value + "' is more than two octaves from the voice's own");
        }
        return st;
    }

    /**
     * A gain in dB: {@code silent} −60, {@code x-soft} −12, {@code soft} −6, {@code medium}/{@code default} 0,
     * {@code loud} +6, {@code x-loud} +12; {@code +3dB}; a percentage change of the amplitude ({@code -50%});
     * a bare number 0–100 as an absolute level where 100 is the voice's own.
     */
    public static double volume(String value) {
        String v = normal(value);
        double db = switch (v) {
            case "silent" -> -60;
            case "x-soft" -> -12;
            case "soft" -> -6;
            case "medium", "default" -> 0;
            case "loud" -> 6;
            case "x-loud" -> 12;
            default -> {
                Matcher m = WITH_UNIT.matcher(v);
                if (!m.matches() || m.group(2) != null && !m.group(2).equals("db") && !m.group(2).equals("%")) {
                    throw new IllegalArgumentException("volume '" + value + "' is not silent…x-loud, dB, a percentage "
                            + "or 0–100");
                }
                double n = Double.parseDouble(m.group(1));
                if (m.group(2) == null) {
                    yield n <= 0 ? -60 : 20 * Math.log10(Math.min(n, 100) / 100);
                }
                yield m.group(2).equals("db") ? n : (1 + n / 100) <= 0 ? -60 : 20 * Math.log10(1 + n / 100);
            }
        };
        return clamp(db, -60, 20);
    }

    private static String normal(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an empty prosody value");
        }
        return value.trim().toLowerCase(Locale.ROOT);
    }

    private static double semitones(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("a pitch must stay above 0 Hz");
        }
        return 12 * Math.log(factor) / Math.log(2);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /** Whether {@code value} is a plain number (no unit): a relative rate factor. */
    static boolean isNumber(String value) {
        return value != null && NUMBER.matcher(value.trim()).matches();
    }
}
