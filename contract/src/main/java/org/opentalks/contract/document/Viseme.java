package org.opentalks.contract.document;

/**
 * Mouth shapes the renderer knows, collapsed from the phoneme inventory (models.md, "Viseme sets":
 * the practical 9-target mapping plus a generic consonant). Every phoneme maps to exactly one.
 */
public enum Viseme {
    /** Silence: lips relaxed and closed. */
    REST,
    /** p, b, m: lips pressed together. */
    PBM,
    /** f, v: lower lip under the upper teeth. */
    FV,
    /** th (θ ð): tongue between the teeth, slightly open. */
    TH,
    /** Wide e/i (i ɪ j): spread lips, small opening. */
    EE,
    /** Open a (ɑ æ a ʌ aɪ aʊ): jaw dropped. */
    AA,
    /** Mid e (e ɛ ə ɜ): medium opening. */
    EH,
    /** Rounded o (o ɔ ɒ): round, medium opening. */
    OH,
    /** Puckered u/w (u ʊ w): narrow and protruded. */
    UW,
    /** Other consonants (t d n l s z k g r h ʃ tʃ dʒ ŋ): teeth nearly together. */
    CONSONANT
}
