package org.opentalks.speech;

import java.util.List;

/**
 * A script as every engine can speak it: runs of text, each with its prosody, and silences, in order.
 * A plain-text script is one run; SSML becomes several ({@link SsmlParser}). Engines speak the runs
 * one by one and {@link UtteranceRenderer} joins them, so that a break lasts exactly what it says
 * whatever the engine.
 */
public record Utterance(List<Part> parts) {
    public Utterance {
        parts = List.copyOf(parts);
    }

    /** A plain-text script: one run at the neutral prosody. */
    public static Utterance plain(String text) {
        return new Utterance(List.of(new Text(text, Prosody.NEUTRAL)));
    }

    /** One part of an utterance. */
    public sealed interface Part permits Text, Break, Phonemes {
    }

    /** Text to speak as written (SSML's say-as and sub are already applied: this is what is pronounced). */
    public record Text(String text, Prosody prosody) implements Part {
    }

    /** A silence of {@code seconds}. */
    public record Break(double seconds) implements Part {
        public Break {
            if (!(seconds >= 0 && seconds <= 60)) {
                throw new IllegalArgumentException("a break of " + seconds + " s");
            }
        }
    }

    /**
     * SSML's {@code <phoneme>}: a pronunciation in {@code alphabet} ({@code ipa}, {@code x-sampa}), and the
     * written text an engine that cannot read the alphabet speaks instead.
     */
    public record Phonemes(String alphabet, String phonemes, String text, Prosody prosody) implements Part {
    }

    /** The text of the runs, as a listener would read it (for subtitles and errors). */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            String text = part instanceof Text t ? t.text() : part instanceof Phonemes p ? p.text() : null;
            if (text != null && !text.isBlank()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(text.strip());
            }
        }
        return out.toString();
    }
}
