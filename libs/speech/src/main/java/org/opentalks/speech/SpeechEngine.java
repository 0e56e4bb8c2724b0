package org.opentalks.speech;

import java.util.List;

/**
 * One text-to-speech engine (espeak-ng, flite, a Piper voice directory, a cloud provider): the voices
 * it has, and speech with timings for a run of text. Engines speak runs; {@link UtteranceRenderer}
 * puts an utterance's runs and breaks together. Implementations are thread-safe.
 */
public interface SpeechEngine extends AutoCloseable {

    /** The engine's id: the {@code provider.type} a talk names it by, and the prefix of {@code metadata.voice}. */
    String id();

    /** The voices installed or reachable now. */
    List<SpeechVoice> voices();

    /**
     * Speaks one run of plain text with {@code voice} at {@code prosody}: 16-bit mono PCM, and the phones
     * (in {@link Speech#phoneSet()}) and, where the engine knows them, the words, tiling the audio from 0.
     *
     * @throws SpeechException when the engine cannot speak (the text, the voice, the provider's answer)
     */
    Speech speak(String text, SpeechVoice voice, Prosody prosody);

    /** Whether {@link #speakPhonemes} reads this SSML {@code <phoneme>} alphabet ({@code ipa}, {@code x-sampa}). */
    default boolean readsAlphabet(String alphabet) {
        return false;
    }

    /** Speaks a pronunciation written in an alphabet {@link #readsAlphabet} accepts. */
    default Speech speakPhonemes(String alphabet, String phonemes, SpeechVoice voice, Prosody prosody) {
        throw new UnsupportedOperationException(id() + " does not read " + alphabet);
    }

    @Override
    default void close() {
    }
}
