package org.opentalks.contract;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Ids in D-ID's form: a prefix and 21 URL-safe characters ({@code tlk_TMj4G1wiEGpQrdNFvrqAk}).
 *
 * <p>A talk id starts with 8 characters encoding the time of creation counted backwards, in an
 * alphabet in ASCII order, followed by 13 random ones. The object store lists keys in byte order,
 * so listing {@code records/{owner}/} yields the newest talks first, and a page token is simply the
 * last key seen.
 */
public final class TalkIds {
    private static final char[] RANDOM_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    /** The same 64 characters, sorted by their byte value. */
    private static final char[] SORTED_ALPHABET =
            "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int TIME_CHARS = 8;
    private static final long TIME_LIMIT = 1L << (6 * TIME_CHARS);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String talkId() {
        return talkId(Instant.now());
    }

    static String talkId(Instant createdAt) {
        long countdown = TIME_LIMIT - 1 - createdAt.toEpochMilli();
        char[] time = new char[TIME_CHARS];
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            time[i] = SORTED_ALPHABET[(int) (countdown & 63)];
            countdown >>>= 6;
        }
        return "tlk_" + new String(time) + random(21 - TIME_CHARS);
    }

    public static String imageId() {
        return "img_" + random(21);
    }

    /** D-ID's audio ids are bare: 21 characters with no prefix. */
    public static String audioId() {
        return random(21);
    }

    /** True for a talk or image id this service could have issued; anything else cannot name a stored object. */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("(tlk|img)_[A-Za-z0-9_-]{21}");
    }

    public static boolean isWellFormedAudio(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{21}");
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = RANDOM_ALPHABET[RANDOM.nextInt(RANDOM_ALPHABET.length)];
        }
        return new String(out);
    }

    private TalkIds() {
    }
}
