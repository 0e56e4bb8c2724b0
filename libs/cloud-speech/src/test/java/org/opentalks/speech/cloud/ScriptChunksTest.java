package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptChunksTest {

    @Test
    void shortTextIsOnePiece() {
        assertEquals(List.of("Hello there."), ScriptChunks.split("  Hello there. ", String::length, 100));
        assertEquals(List.of(), ScriptChunks.split("   ", String::length, 100));
    }

    @Test
    void piecesAreWholeSentencesWhereTheyFit() {
        String text = "One two three. Four five six! Seven eight nine? Ten.";
        List<String> pieces = ScriptChunks.split(text, String::length, 30);
        assertEquals(List.of("One two three. Four five six!", "Seven eight nine? Ten."), pieces);
    }

    @Test
    void longSentencesAreCutAtClausesThenWordsThenCharacters() {
        List<String> clauses = ScriptChunks.split("A long clause here, and another one there, and a third.",
                String::length, 25);
        assertEquals(List.of("A long clause here,", "and another one there,", "and a third."), clauses);
        List<String> words = ScriptChunks.split("aaaa bbbb cccc dddd", String::length, 9);
        assertEquals(List.of("aaaa bbbb", "cccc dddd"), words);
        List<String> characters = ScriptChunks.split("abcdefghij", String::length, 4);
        assertEquals(List.of("abcd", "efgh", "ij"), characters);
    }

    @Test
    void sizeIsWhatTheProviderCounts() {
        // Google counts bytes: five two-byte letters do not fit in eight.
        List<String> pieces = ScriptChunks.split("éééééé. ééé.", s -> s.getBytes(StandardCharsets.UTF_8).length, 8);
        for (String p : pieces) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 8, p);
        }
        assertEquals("éééééé. ééé.".replace(" ", ""), String.join("", pieces).replace(" ", ""));
    }
}
