package org.opentalks.speech;

/**
 * The names a speech engine gives its phones, so that {@link VisemeMapper} can read them: each engine
 * reports timings in its own set, and the mapper holds one table per set.
 */
public enum PhoneSet {
    /** espeak-ng's ASCII mnemonics ({@code oU}, {@code @}, {@code _:}), close to Kirshenbaum's. */
    ESPEAK,
    /** CMU ARPAbet as flite and festival's US voices use it ({@code aa}, {@code hh}, {@code pau}), lower case. */
    ARPABET,
    /** IPA symbols, one phone per string ({@code ə}, {@code tʃ}, {@code aɪ}), as Piper voices and espeak-ng's IPA output give them. */
    IPA,
    /** Amazon Polly's viseme speech marks ({@code p}, {@code t}, {@code S}, {@code a}, {@code sil}). */
    POLLY_VISEME,
    /** Letters of the text, one per "phone", where a provider gives only character timings (ElevenLabs). */
    LETTERS
}
