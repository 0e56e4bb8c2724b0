package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordErrorsTest {

    @Test
    void wordsAreComparedInLowerCaseWithoutPunctuation() {
        assertEquals(List.of("it's", "half", "past", "7"), WordErrors.normalisedWords("  It's half-past 7! "));
    }

    @Test
    void rateCountsSubstitutionsDeletionsAndInsertionsOverTheReference() {
        List<String> said = WordErrors.normalisedWords("the plane leaves at half past seven");
        assertEquals(0.0, WordErrors.rate(said, said));
        // "plane" heard as "train", "half" lost, "o'clock" added: 3 errors in 7 words.
        List<String> heard = WordErrors.normalisedWords("the train leaves at past seven o'clock");
        assertEquals(3.0 / 7, WordErrors.rate(said, heard), 1e-12);
        assertEquals(1.0, WordErrors.rate(said, List.of()));
        assertThrows(IllegalArgumentException.class, () -> WordErrors.rate(List.of(), heard));
    }

    @Test
    void matchesPairEachHeardWordWithTheOneSaid() {
        List<String> said = List.of("boarding", "begins", "at", "seven");
        assertArrayEquals(new int[] {0, -1, 1, 2}, WordErrors.matches(said, List.of("boarding", "at", "seven")));
        assertArrayEquals(new int[] {1, 2, 3, 4},
                WordErrors.matches(said, List.of("uh", "boarding", "begins", "at", "seven")));
    }
}
