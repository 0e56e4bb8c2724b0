package org.opentalks.contract;

import java.security.SecureRandom;

/** Ids in D-ID's form: a prefix and 21 URL-safe characters ({@code tlk_TMj4G1wiEGpQrdNFvrqAk}). */
public final class TalkIds {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String talkId() {
        return "tlk_" + random(21);
    }

    public static String imageId() {
        return "img_" + random(21);
    }

    /** True for an id this service could have issued; anything else cannot name a stored object. */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("(tlk|img)_[A-Za-z0-9_-]{21}");
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    private TalkIds() {
    }
}
