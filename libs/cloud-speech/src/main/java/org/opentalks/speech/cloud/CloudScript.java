package org.opentalks.speech.cloud;

import java.util.Map;
import org.opentalks.contract.event.TalkSpec;

/**
 * A talk's whole text script as the client sent it, for one cloud provider to speak in one go: the provider
 * sees the client's SSML (its own dialect, its breaks and marks) and every {@code voice_config} setting it
 * knows, rather than runs of plain text.
 *
 * @param provider    D-ID's {@code provider.type}: {@code microsoft}, {@code azure-openai}, {@code elevenlabs},
 *                    {@code amazon} or {@code google}
 * @param voiceId     the provider's voice ({@code en-US-JennyNeural}, {@code 21m00Tcm4TlvDq8ikWAM}, {@code Joanna},
 *                    {@code en-US-Wavenet-D})
 * @param input       the script's text, or SSML (with or without {@code <speak>}) when {@code ssml}
 * @param voiceConfig {@code voice_config} as sent (style, rate, pitch, stability, …); null or empty for none
 * @param modelId     ElevenLabs' {@code model_id}; null for the configured default
 * @param language    {@code provider.language}: used where it is a language code the provider takes
 *                    ({@code en}, {@code en-US}); D-ID's display names ({@code English (United States)}) are ignored
 */
public record CloudScript(String provider, String voiceId, String input, boolean ssml, Map<String, Object> voiceConfig,
                          String modelId, String language) {
    public CloudScript {
        voiceConfig = voiceConfig == null ? Map.of() : withoutNulls(voiceConfig);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                kept.put(k, v);
            }
        });
        return Map.copyOf(kept);
    }

    /** Plain text with a voice and nothing else. */
    public static CloudScript text(String provider, String voiceId, String text) {
        return new CloudScript(provider, voiceId, text, false, Map.of(), null, null);
    }

    /** The script of a talk, whose provider must be set. */
    public static CloudScript of(TalkSpec.Script script) {
        TalkSpec.Provider p = script.provider();
        if (p == null) {
            throw new IllegalArgumentException("the script names no provider");
        }
        return new CloudScript(p.type(), p.voiceId(), script.input(), script.ssml(), p.voiceConfig(), p.modelId(),
                p.language());
    }
}
