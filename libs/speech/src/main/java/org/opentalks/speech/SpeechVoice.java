package org.opentalks.speech;

import java.util.List;

/**
 * A voice an installed engine speaks with, as the voice catalogue lists it.
 *
 * @param engine the engine's id, also the {@code provider.type} a talk names it by ({@code espeak-ng}, {@code flite})
 * @param id     the voice's id within its engine ({@code en-us}, {@code slt}), the talk's {@code voice_id}
 * @param name   a display name ({@code SLT (US English, female)})
 * @param locale a BCP 47 locale ({@code en-US}); the language's main locale where the voice has no region
 * @param styles speaking styles the engine can apply (empty for most local engines)
 */
public record SpeechVoice(String engine, String id, String name, String locale, Gender gender, List<String> styles) {
    public SpeechVoice {
        styles = List.copyOf(styles);
    }

    /** {@code engine:id}, as {@code metadata.voice} names the voice that spoke. */
    public String label() {
        return engine + ":" + id;
    }
}
