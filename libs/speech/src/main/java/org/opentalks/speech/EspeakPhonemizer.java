package org.opentalks.speech;

import java.util.List;

/**
 * Text to phonemes with libespeak-ng, without speaking: what espeak-ng would say, clause by clause.
 * Piper voices are phonemised this way (as Piper itself does), and recognised words are turned into
 * phones for mouth shapes. Thread-safe; calls share espeak-ng's process-wide lock.
 */
public final class EspeakPhonemizer {
    private final EspeakEngine engine = EspeakEngine.get();

    /** IPA, one string per clause, words separated by spaces ({@code həlˈoʊ wˈɜːld}). */
    public List<String> ipa(String text, String voice) {
        return engine.phonemize(text, voice, EspeakLibrary.PHONEMES_IPA);
    }

    /** espeak-ng's mnemonics ({@code h@l'oU w'3:ld}), as {@link VisemeMapper} reads them. */
    public List<String> mnemonics(String text, String voice) {
        return engine.phonemize(text, voice, 0);
    }
}
