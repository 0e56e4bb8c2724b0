package org.opentalks.speech.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhonemeIdsTest {
    private final PhonemeIds ids = new PhonemeIds(Map.of((int) '_', new long[] {0}, (int) '^', new long[] {1},
            (int) '$', new long[] {2}, (int) 'a', new long[] {5}, (int) 'b', new long[] {6, 7}));

    @Test
    void bosPadEveryPhonemeWithItsPadThenEos() {
        PhonemeIds.Encoded e = ids.encode("axb".codePoints().toArray());
        // ^ _ a _ (x skipped) b b' _ $
        assertArrayEquals(new long[] {1, 0, 5, 0, 6, 7, 0, 2}, e.ids());
        assertEquals(2, e.bosEnd());
        assertArrayEquals(new int[] {2, 4, 4}, e.starts());
        assertArrayEquals(new int[] {4, 4, 7}, e.ends());
        assertEquals(7, e.eosStart());
        assertEquals(Set.of("x"), e.missing());
    }

    @Test
    void noPhonemesIsStillASentence() {
        assertArrayEquals(new long[] {1, 0, 2}, ids.encode(new int[0]).ids());
    }

    @Test
    void thePadStartAndEndAreRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PhonemeIds(Map.of((int) '_', new long[] {0}, (int) '^', new long[] {1})));
        assertEquals("phoneme_id_map has no ids for '$' (Piper's pad _, start ^ and end $ are required)",
                e.getMessage());
    }
}
