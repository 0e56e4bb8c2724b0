package org.opentalks.speech;

/** A voice's gender as voice catalogues (Azure, D-ID) list it. */
public enum Gender {
    FEMALE("Female"), MALE("Male"), UNSPECIFIED("Unspecified");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    /** As D-ID and Azure spell it: {@code Female}, {@code Male}. */
    public String label() {
        return label;
    }

    /** From espeak-ng's, Piper's or a provider's spelling ({@code female}, {@code F}, {@code MALE}); unknown is unspecified. */
    public static Gender of(String text) {
        if (text == null) {
            return UNSPECIFIED;
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("f") || t.startsWith("w") ? FEMALE : t.startsWith("m") ? MALE : UNSPECIFIED;
    }
}
