package org.opentalks.speech.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * SSML with a {@code <mark name="ot-wN"/>} before every word, so that Google's time points
 * ({@code enableTimePointing: [SSML_MARK]}) say when each word starts. In the client's SSML, marks go into the
 * text of every element that holds spoken text; {@code <say-as>}, {@code <sub>} and {@code <phoneme>} are one
 * word each (a mark before the element), and {@code <break>}, {@code <audio>}, the client's own marks and lone
 * punctuation get none.
 */
final class GoogleMarks {
    static final String PREFIX = "ot-w";
    private static final Set<String> ONE_WORD = Set.of("say-as", "sub", "phoneme");
    private static final Set<String> UNSPOKEN = Set.of("break", "mark", "audio", "desc");

    /** The marked SSML and the words the marks stand before, in order: word i follows mark {@code PREFIX + i}. */
    record Marked(String ssml, List<String> words) {
    }

    private GoogleMarks() {
    }

    /** Plain text as marked SSML. */
    static Marked plain(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder ssml = new StringBuilder("<speak>");
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (ssml.length() > "<speak>".length()) {
                ssml.append(' ');
            }
            if (isWord(token)) {
                ssml.append("<mark name=\"").append(PREFIX).append(words.size()).append("\"/>");
                words.add(token);
            }
            ssml.append(Xml.escape(token));
        }
        return new Marked(ssml.append("</speak>").toString(), List.copyOf(words));
    }

    /**
     * The client's SSML (with or without {@code <speak>}) marked.
     *
     * @throws org.opentalks.speech.SpeechException TEXT when it is not well-formed XML
     */
    static Marked ssml(String input) {
        Document document = Xml.parse("<speak>" + Xml.speakContent(input) + "</speak>", false);
        List<String> words = new ArrayList<>();
        mark(document, document.getDocumentElement(), words);
        return new Marked(Xml.write(document.getDocumentElement()), List.copyOf(words));
    }

    private static void mark(Document document, Element element, List<String> words) {
        List<Node> children = new ArrayList<>();
        for (Node c = element.getFirstChild(); c != null; c = c.getNextSibling()) {
            children.add(c);
        }
        for (Node child : children) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                markText(document, element, child, words);
            } else if (child instanceof Element e) {
                String name = e.getTagName().toLowerCase(Locale.ROOT);
                if (ONE_WORD.contains(name)) {
                    String word = e.getTextContent().strip().replaceAll("\\s+", " ");
                    if (isWord(word)) {
                        element.insertBefore(markElement(document, words.size()), e);
                        words.add(word);
                    }
                } else if (!UNSPOKEN.contains(name)) {
                    mark(document, e, words);
                }
            }
        }
    }

    /** Replaces a text node by its words, each after a mark, keeping the spaces between them. */
    private static void markText(Document document, Element parent, Node text, List<String> words) {
        String s = text.getNodeValue();
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                parent.insertBefore(document.createTextNode(s.substring(start, i)), text);
            }
            int wordStart = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > wordStart) {
                String word = s.substring(wordStart, i);
                if (isWord(word)) {
                    parent.insertBefore(markElement(document, words.size()), text);
                    words.add(word);
                }
                parent.insertBefore(document.createTextNode(word), text);
            }
        }
        parent.removeChild(text);
    }

    /** Punctuation on its own ({@code —}, a stray full stop) is not a word and gets no mark. */
    private static boolean isWord(String token) {
        return token.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static Element markElement(Document document, int index) {
        Element mark = document.createElement("mark");
        mark.setAttribute("name", PREFIX + index);
        return mark;
    }
}
