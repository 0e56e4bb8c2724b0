package org.opentalks.speech.piper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Piper voice's {@code <name>.onnx.json}, the keys Piper itself reads (piper's C++ {@code parse*Config} and
 * piper1's {@code PiperConfig.from_dict}):
 *
 * <pre>
 * dataset                              the dataset (speaker) name, e.g. "lessac"
 * audio.sample_rate, audio.quality     22050, "medium"
 * espeak.voice                         the espeak-ng voice that phonemises, e.g. "en-us"
 * language.code, .name_english, .country_english   "en_US", "English", "United States" (newer voices only)
 * inference.noise_scale, .length_scale, .noise_w   0.667, 1, 0.8 by default
 * phoneme_type                         "espeak" (the default); "text" and "pinyin" voices need other front ends
 * phoneme_map                          code point → code points, applied before the ids (rarely used)
 * phoneme_id_map                       code point → [ids]
 * num_speakers, speaker_id_map         1 and {} for single-speaker voices
 * hop_length                           decoder samples per duration frame (piper1; 256 when absent)
 * </pre>
 *
 * @param gender     a top-level {@code gender}, which some community voices add; null when absent
 * @param speakerIds speaker name → sid, in sid order
 */
public record PiperVoiceConfig(String dataset, int sampleRate, String quality, String espeakVoice,
                               String languageCode, String languageName, String countryName, float noiseScale,
                               float lengthScale, float noiseW, String phonemeType, PhonemeIds phonemeIds,
                               Map<Integer, int[]> phonemeMap, int numSpeakers, Map<String, Integer> speakerIds,
                               int hopLength, String gender) {
    public static final float DEFAULT_NOISE_SCALE = 0.667f;
    public static final float DEFAULT_LENGTH_SCALE = 1f;
    public static final float DEFAULT_NOISE_W = 0.8f;
    public static final int DEFAULT_HOP_LENGTH = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    public PiperVoiceConfig {
        phonemeMap = Map.copyOf(phonemeMap);
        speakerIds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(speakerIds));
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws PiperVoiceException naming the file and the key that is missing or wrong
     */
    public static PiperVoiceConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new PiperVoiceException(file + " cannot be read as JSON (" + e.getMessage()
                    + "): download the voice's .onnx.json again", e);
        }
        if (root == null || !root.isObject()) {
            throw new PiperVoiceException(file + " is not a JSON object: it is not a Piper voice config");
        }
        String where = file.getFileName().toString();
        int sampleRate = positiveInt(root.path("audio").path("sample_rate"), where, "audio.sample_rate");
        String phonemeType = root.path("phoneme_type").asText("espeak");
        if (!phonemeType.equals("espeak")) {
            throw new PiperVoiceException(where + " has phoneme_type \"" + phonemeType + "\": only espeak-ng "
                    + "phonemised Piper voices (phoneme_type \"espeak\") are supported; choose another voice");
        }
        String espeakVoice = root.path("espeak").path("voice").asText("");
        if (espeakVoice.isBlank()) {
            throw new PiperVoiceException(where + " has no espeak.voice: Piper needs it to phonemise the text");
        }
        JsonNode inference = root.path("inference");
        JsonNode language = root.path("language");
        int numSpeakers = root.has("num_speakers") ? positiveInt(root.get("num_speakers"), where, "num_speakers") : 1;
        Map<String, Integer> speakers = speakers(root.path("speaker_id_map"), numSpeakers, where);
        PhonemeIds ids;
        try {
            ids = new PhonemeIds(idMap(root.path("phoneme_id_map"), where));
        } catch (IllegalArgumentException e) {
            throw new PiperVoiceException(where + ": " + e.getMessage());
        }
        String gender = root.path("gender").isTextual() ? root.get("gender").asText() : null;
        return new PiperVoiceConfig(root.path("dataset").asText(""), sampleRate,
                root.path("audio").path("quality").asText(""), espeakVoice, text(language, "code"),
                text(language, "name_english"), text(language, "country_english"),
                number(inference, "noise_scale", DEFAULT_NOISE_SCALE, where),
                number(inference, "length_scale", DEFAULT_LENGTH_SCALE, where),
                number(inference, "noise_w", DEFAULT_NOISE_W, where), phonemeType, ids,
                phonemeMap(root.path("phoneme_map"), where), numSpeakers, speakers,
                root.has("hop_length") ? positiveInt(root.get("hop_length"), where, "hop_length") : DEFAULT_HOP_LENGTH,
                gender);
    }

    /** Whether the model takes a speaker id: more than one speaker, as Piper decides it. */
    public boolean multiSpeaker() {
        return numSpeakers > 1;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isTextual() ? v.asText() : "";
    }

    private static int positiveInt(JsonNode node, String where, String key) {
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
            throw new PiperVoiceException(where + " has no positive integer " + key + " (found "
                    + (node.isMissingNode() ? "nothing" : node.toString()) + "): it is not a complete Piper voice "
                    + "config");
        }
        return node.asInt();
    }

    private static float number(JsonNode inference, String key, float fallback, String where) {
        JsonNode v = inference.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
            throw new PiperVoiceException(where + ": inference." + key + " must be a non-negative number, found " + v);
        }
        return (float) v.asDouble();
    }

    private static Map<Integer, long[]> idMap(JsonNode node, String where) {
        if (!node.isObject() || node.isEmpty()) {
            throw new PiperVoiceException(where + " has no phoneme_id_map: it is not a Piper voice config");
        }
        Map<Integer, long[]> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int phoneme = singleCodePoint(e.getKey(), where, "phoneme_id_map");
            JsonNode values = e.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw new PiperVoiceException(where + ": phoneme_id_map \"" + e.getKey() + "\" must be a list of ids");
            }
            long[] ids = new long[values.size()];
            for (int i = 0; i < ids.length; i++) {
                if (!values.get(i).isIntegralNumber() || values.get(i).asLong() < 0) {
                    throw new PiperVoiceException(where + ": phoneme_id_map \"" + e.getKey() + "\" holds "
                            + values.get(i) + ", not a phoneme id");
                }
                ids[i] = values.get(i).asLong();
            }
            map.put(phoneme, ids);
        }
        return map;
    }

    private static Map<Integer, int[]> phonemeMap(JsonNode node, String where) {
        Map<Integer, int[]> map = new HashMap<>();
        if (!node.isObject()) {
            return map;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int from = singleCodePoint(e.getKey(), where, "phoneme_map");
            JsonNode to = e.getValue();
            int[] out = new int[to.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = singleCodePoint(to.get(i).asText(), where, "phoneme_map");
            }
            map.put(from, out);
        }
        return map;
    }

    private static Map<String, Integer> speakers(JsonNode node, int numSpeakers, String where) {
        Map<Integer, String> names = new java.util.TreeMap<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode sid = e.getValue();
                if (!sid.isIntegralNumber() || sid.asInt() < 0 || sid.asInt() >= numSpeakers) {
                    throw new PiperVoiceException(where + ": speaker_id_map \"" + e.getKey() + "\" is " + sid
                            + ", not a speaker id below num_speakers " + numSpeakers);
                }
                names.put(sid.asInt(), e.getKey());
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        names.forEach((sid, name) -> ordered.put(name, sid));
        return ordered;
    }

    private static int singleCodePoint(String s, String where, String key) {
        if (s == null || s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
            throw new PiperVoiceException(where + ": " + key + " key \"" + s + "\" is not a single character, as "
                    + "Piper requires");
        }
        return s.codePointAt(0);
    }
}
