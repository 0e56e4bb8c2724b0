package org.opentalks.speech.piper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opentalks.speech.EspeakPhonemizer;

/**
 * Text to Piper's phonemes, sentence by sentence, as piper-phonemize's {@code phonemize_eSpeak} makes them: espeak-ng
 * IPA clause by clause; each clause decomposed (NFD, so {@code ç} is {@code c} and a cedilla), language switches
 * such as {@code (en)} dropped, the voice's {@code phoneme_map} applied; then the clause's terminator kept as a
 * phoneme: {@code . ? !} end the sentence, {@code , : ;} are followed by a space.
 *
 * <p>Piper takes each clause's terminator from espeak-ng (piper1 asks espeak_TextToPhonemesWithTerminator; the
 * older C++ Piper reads it off the text where espeak-ng stopped). {@link EspeakPhonemizer} gives the clauses but not
 * where they end, so the text is cut after every punctuation mark (and closing quotes or brackets) that a space
 * follows, each piece is phonemised alone, and a piece counts only when its clauses are exactly the next ones
 * espeak-ng gives for the whole text; otherwise it is joined with the next piece ({@code Mr. smith}, {@code e.g.
 * this} are one clause). The phonemes are always the whole text's. Where espeak-ng ends a clause inside a piece
 * (punctuation without a space after it, a very long clause) the terminator is not known: a space stands for it.
 */
final class PiperPhonemizer {
    private static final String CLOSERS = "\"')]}»”’";
    /** Pieces joined before giving up on terminators for the rest of the text. */
    private static final int MAX_JOINED = 12;
    /** piper-phonemize's DEFAULT_PHONEME_MAP: its Brazilian Portuguese voices were trained with c read as k. */
    private static final Map<String, Map<Integer, int[]>> DEFAULT_MAPS = Map.of("pt-br", Map.of((int) 'c',
            new int[] {'k'}));

    /** A word of the text and the phonemes that say it, {@code [from, to)} within its sentence. */
    record Word(String text, int from, int to) {
    }

    /** One sentence: what Piper synthesises in one inference. */
    record Sentence(int[] phonemes, List<Word> words) {
    }

    private record Piece(int start, int end) {
    }

    private final EspeakPhonemizer espeak;
    private final String voice;
    private final Map<Integer, int[]> phonemeMap;

    PiperPhonemizer(EspeakPhonemizer espeak, String voice, Map<Integer, int[]> phonemeMap) {
        this.espeak = espeak;
        this.voice = voice;
        this.phonemeMap = !phonemeMap.isEmpty() ? phonemeMap : DEFAULT_MAPS.getOrDefault(voice, Map.of());
    }

    List<Sentence> sentences(String text) {
        List<String> clauses = espeak.ipa(text, voice);
        List<Piece> pieces = pieces(text);
        List<Sentence> sentences = new ArrayList<>();
        SentenceBuilder sentence = new SentenceBuilder();
        int clause = 0;
        int piece = 0;
        while (piece < pieces.size()) {
            int joined = piece;
            List<String> own = null;
            for (; joined < pieces.size() && joined - piece < MAX_JOINED; joined++) {
                List<String> candidate = espeak.ipa(slice(text, pieces, piece, joined), voice);
                if (clause + candidate.size() <= clauses.size()
                        && clauses.subList(clause, clause + candidate.size()).equals(candidate)) {
                    own = candidate;
                    break;
                }
            }
            if (own == null) {
                // The pieces never line up with espeak-ng's clauses: the rest is one run without terminators.
                sentence.add(slice(text, pieces, piece, pieces.size() - 1), clauses.subList(clause, clauses.size()),
                        0);
                clause = clauses.size();
                break;
            }
            int terminator = terminator(text, pieces.get(joined));
            if (!own.isEmpty()) {
                sentence.add(slice(text, pieces, piece, joined), own, terminator);
                if (terminator == '.' || terminator == '?' || terminator == '!') {
                    sentence.finish(sentences);
                }
            }
            clause += own.size();
            piece = joined + 1;
        }
        if (clause < clauses.size()) {
            sentence.add("", clauses.subList(clause, clauses.size()), 0);
        }
        sentence.finish(sentences);
        return sentences;
    }

    /** Phonemes given as IPA ({@code <phoneme alphabet="ipa">}): one sentence, no words, as Piper's [[ ]] blocks. */
    static Sentence raw(String ipa) {
        String cleaned = ipa.strip();
        if (cleaned.length() >= 2 && (cleaned.startsWith("/") && cleaned.endsWith("/")
                || cleaned.startsWith("[") && cleaned.endsWith("]"))) {
            cleaned = cleaned.substring(1, cleaned.length() - 1).strip();
        }
        return new Sentence(Normalizer.normalize(cleaned, Normalizer.Form.NFD).codePoints().toArray(), List.of());
    }

    /** The text cut after every run of . ? ! , ; : … (and closing quotes or brackets) that a space follows. */
    static List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (".?!,;:…".indexOf(c) < 0) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && ".?!,;:…".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            while (end < n && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            if (end == n || Character.isWhitespace(text.charAt(end))) {
                pieces.add(new Piece(start, end));
                start = end;
            }
            i = end;
        }
        if (!text.substring(start).isBlank()) {
            pieces.add(new Piece(start, n));
        }
        return pieces;
    }

    private static String slice(String text, List<Piece> pieces, int first, int last) {
        return text.substring(pieces.get(first).start(), pieces.get(last).end());
    }

    /** The piece's last character before trailing spaces and closing quotes or brackets; 0 for none. */
    private static int terminator(String text, Piece piece) {
        for (int i = piece.end() - 1; i >= piece.start(); i--) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && CLOSERS.indexOf(c) < 0) {
                return c;
            }
        }
        return 0;
    }

    /** Collects one sentence's phonemes and words. */
    private final class SentenceBuilder {
        private final StringBuilder phonemes = new StringBuilder();
        private int length;
        private final List<Word> words = new ArrayList<>();

        void add(String text, List<String> clauses, int terminator) {
            if (length > 0 && phonemes.charAt(phonemes.length() - 1) != ' ') {
                // The clause before ended without punctuation: keep the words apart.
                append(' ');
            }
            int from = length;
            for (int k = 0; k < clauses.size(); k++) {
                if (k > 0) {
                    append(' ');
                }
                String clause = clauses.get(k);
                String decomposed = Normalizer.normalize(clause, Normalizer.Form.NFD).replaceAll("\\([^)]*\\)", "");
                decomposed.codePoints().forEach(this::addMapped);
            }
            words.addAll(PiperPhonemizer.words(text, phonemes.codePoints().skip(from).toArray(), from));
            switch (terminator) {
                case '.', '?', '!' -> append(terminator);
                case ',', ':', ';' -> {
                    append(terminator);
                    append(' ');
                }
                default -> {
                }
            }
        }

        private void addMapped(int c) {
            int[] mapped = phonemeMap.get(c);
            if (mapped == null) {
                append(c);
            } else {
                for (int m : mapped) {
                    append(m);
                }
            }
        }

        private void append(int c) {
            phonemes.appendCodePoint(c);
            length++;
        }

        void finish(List<Sentence> into) {
            if (length > 0) {
                into.add(new Sentence(phonemes.codePoints().toArray(), List.copyOf(words)));
            }
            phonemes.setLength(0);
            length = 0;
            words.clear();
        }
    }

    /**
     * The written words of {@code text} over its phonemes (which start at {@code offset} in the sentence): one to
     * one with the spoken words (runs between spaces) when they are as many; otherwise spread over the phonemes in
     * proportion to their letters (numbers, abbreviations and symbols are said in more or fewer words).
     */
    static List<Word> words(String text, int[] phonemes, int offset) {
        List<String> written = new ArrayList<>();
        for (String token : text.strip().split("\\s+")) {
            String word = strip(token);
            if (!word.isEmpty()) {
                written.add(word);
            }
        }
        if (written.isEmpty() || phonemes.length == 0) {
            return List.of();
        }
        List<int[]> spoken = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= phonemes.length; i++) {
            boolean gap = i == phonemes.length || phonemes[i] == ' ';
            if (!gap && start < 0) {
                start = i;
            } else if (gap && start >= 0) {
                spoken.add(new int[] {start, i});
                start = -1;
            }
        }
        List<Word> out = new ArrayList<>(written.size());
        if (spoken.size() == written.size()) {
            for (int i = 0; i < written.size(); i++) {
                out.add(new Word(written.get(i), offset + spoken.get(i)[0], offset + spoken.get(i)[1]));
            }
            return out;
        }
        int from = spoken.isEmpty() ? 0 : spoken.get(0)[0];
        int to = spoken.isEmpty() ? phonemes.length : spoken.get(spoken.size() - 1)[1];
        long letters = written.stream().mapToLong(String::length).sum();
        long seen = 0;
        for (String word : written) {
            int a = from + (int) ((to - from) * seen / letters);
            seen += word.length();
            int b = from + (int) ((to - from) * seen / letters);
            out.add(new Word(word, offset + a, offset + b));
        }
        return out;
    }

    /** A token without the punctuation around it ({@code "Hello,"} → {@code Hello}); inner marks stay. */
    private static String strip(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && !Character.isLetterOrDigit(token.codePointAt(a))) {
            a += Character.charCount(token.codePointAt(a));
        }
        while (b > a && !Character.isLetterOrDigit(token.codePointBefore(b))) {
            b -= Character.charCount(token.codePointBefore(b));
        }
        return token.substring(a, b);
    }
}
