package org.opentalks.speech;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * SSML (W3C SSML 1.1, with the Azure extensions D-ID clients send) to an engine-neutral
 * {@link Utterance}. A fragment without {@code <speak>} is read as if it had one, as D-ID reads it.
 * Understood: {@code <break time|strength>}, {@code <prosody rate|pitch|volume>}, {@code <say-as
 * interpret-as="characters|spell-out|digits">} (other interpretations are read as written),
 * {@code <emphasis level>}, {@code <sub alias>}, {@code <phoneme alphabet ph>}, {@code <p>}, {@code <s>},
 * and as containers {@code <voice>}, {@code <lang>}, {@code <mstts:express-as>}, plus {@code <mark>},
 * {@code <bookmark>} and {@code <mstts:silence>}. Anything else, or XML that is not well formed, is an
 * {@link InvalidSsmlException}. Documents may not declare a DTD (no external entities are ever read).
 */
public final class SsmlParser {
    /** Azure's break strengths, in seconds. */
    private static final Map<String, Double> BREAK_STRENGTHS = Map.of("none", 0.0, "x-weak", 0.25, "weak", 0.5,
            "medium", 0.75, "strong", 1.0, "x-strong", 1.25);
    /** The pause between paragraphs. */
    private static final double PARAGRAPH_BREAK = 0.3;
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final double MAX_BREAK = 60;

    private SsmlParser() {
    }

    /**
     * @param input SSML, with or without its {@code <speak>} root
     * @throws InvalidSsmlException with a sentence saying what is wrong
     */
    public static Utterance parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidSsmlException("the SSML is empty");
        }
        String trimmed = input.strip();
        if (trimmed.startsWith("<?xml")) {
            int end = trimmed.indexOf("?>");
            trimmed = end < 0 ? trimmed : trimmed.substring(end + 2).strip();
        }
        String document = trimmed.regionMatches(true, 0, "<speak", 0, 6) ? trimmed : "<speak>" + trimmed + "</speak>";
        Element root = read(document).getDocumentElement();
        if (!root.getTagName().equalsIgnoreCase("speak")) {
            throw new InvalidSsmlException("the root element must be <speak>, not <" + root.getTagName() + ">");
        }
        Builder builder = new Builder();
        builder.children(root, Prosody.NEUTRAL);
        builder.flush();
        return new Utterance(builder.parts);
    }

    private static org.w3c.dom.Document read(String document) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Prefixes such as mstts: are undeclared in the fragments clients send: read names as written.
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(document)));
        } catch (SAXException e) {
            throw new InvalidSsmlException("the SSML is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot read SSML", e);
        }
    }

    /** Collects runs, merging adjacent text of one prosody so a sentence is spoken as one. */
    private static final class Builder {
        private final List<Utterance.Part> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private Prosody textProsody;

        void children(Element element, Prosody prosody) {
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    text(child.getNodeValue(), prosody);
                } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                    element((Element) child, prosody);
                }
            }
        }

        void element(Element e, Prosody prosody) {
            String name = e.getTagName().toLowerCase(Locale.ROOT);
            switch (name) {
                case "voice", "lang", "s", "mstts:express-as", "audio" -> children(e, prosody);
                case "p" -> {
                    if (!parts.isEmpty() || !text.isEmpty()) {
                        pause(PARAGRAPH_BREAK);
                    }
                    children(e, prosody);
                    pause(PARAGRAPH_BREAK);
                }
                case "break" -> pause(breakSeconds(e));
                case "mstts:silence" -> pause(duration(e.getAttribute("value"), "mstts:silence value"));
                case "mark", "bookmark" -> { }
                case "prosody" -> children(e, prosody.then(prosody(e)));
                case "emphasis" -> children(e, prosody.then(emphasis(e.getAttribute("level"))));
                case "sub" -> {
                    if (!e.hasAttribute("alias")) {
                        throw new InvalidSsmlException("<sub> needs an alias attribute");
                    }
                    text(e.getAttribute("alias"), prosody);
                }
                case "say-as" -> text(sayAs(e), prosody);
                case "phoneme" -> {
                    if (!e.hasAttribute("ph")) {
                        throw new InvalidSsmlException("<phoneme> needs a ph attribute");
                    }
                    flush();
                    String alphabet = e.hasAttribute("alphabet") ? e.getAttribute("alphabet").toLowerCase(Locale.ROOT)
                            : "ipa";
                    parts.add(new Utterance.Phonemes(alphabet, e.getAttribute("ph"), squeeze(e.getTextContent()),
                            prosody));
                }
                default -> throw new InvalidSsmlException("<" + e.getTagName() + "> is not an SSML element this "
                        + "service reads");
            }
        }

        void text(String value, Prosody prosody) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (textProsody != null && !textProsody.equals(prosody)) {
                flush();
            }
            textProsody = prosody;
            text.append(value);
        }

        void pause(double seconds) {
            flush();
            if (seconds > 0) {
                parts.add(new Utterance.Break(seconds));
            }
        }

        void flush() {
            String run = squeeze(text.toString());
            if (!run.isEmpty()) {
                parts.add(new Utterance.Text(run, textProsody));
            }
            text.setLength(0);
            textProsody = null;
        }
    }

    private static double breakSeconds(Element e) {
        if (e.hasAttribute("time")) {
            return duration(e.getAttribute("time"), "<break> time");
        }
        String strength = e.hasAttribute("strength") ? e.getAttribute("strength").toLowerCase(Locale.ROOT) : "medium";
        Double seconds = BREAK_STRENGTHS.get(strength);
        if (seconds == null) {
            throw new InvalidSsmlException("<break> strength '" + e.getAttribute("strength") + "' is not one of "
                    + String.join(", ", BREAK_STRENGTHS.keySet()));
        }
        return seconds;
    }

    /** {@code 500ms}, {@code 2s}, {@code 1.5s}: at most a minute. */
    static double duration(String value, String what) {
        Matcher m = DURATION.matcher(value == null ? "" : value);
        if (!m.matches()) {
            throw new InvalidSsmlException(what + " '" + value + "' is not a duration such as 500ms or 2s");
        }
        double seconds = Double.parseDouble(m.group(1)) / (m.group(2).equalsIgnoreCase("ms") ? 1000 : 1);
        if (seconds > MAX_BREAK) {
            throw new InvalidSsmlException(what + " '" + value + "' is longer than a minute");
        }
        return seconds;
    }

    private static Prosody prosody(Element e) {
        try {
            double rate = e.hasAttribute("rate") ? Prosody.rate(e.getAttribute("rate")) : 1;
            double pitch = e.hasAttribute("pitch") ? Prosody.pitch(e.getAttribute("pitch")) : 0;
            double volume = e.hasAttribute("volume") ? Prosody.volume(e.getAttribute("volume")) : 0;
            return new Prosody(rate, pitch, volume);
        } catch (IllegalArgumentException bad) {
            throw new InvalidSsmlException("<prosody>: " + bad.getMessage(), bad);
        }
    }

    /** Stress as slower and louder speech (no engine here has a stress control of its own). */
    private static Prosody emphasis(String level) {
        return switch (level == null || level.isEmpty() ? "moderate" : level.toLowerCase(Locale.ROOT)) {
            case "strong" -> new Prosody(0.85, 1, 4);
            case "moderate" -> new Prosody(0.92, 0.5, 2);
            case "reduced" -> new Prosody(1.08, -0.5, -2);
            case "none" -> Prosody.NEUTRAL;
            default -> throw new InvalidSsmlException("<emphasis> level '" + level + "' is not strong, moderate, "
                    + "reduced or none");
        };
    }

    /** What a say-as element is pronounced as: letters and digits one by one; anything else as written. */
    private static String sayAs(Element e) {
        String how = e.getAttribute("interpret-as").toLowerCase(Locale.ROOT);
        if (how.isEmpty()) {
            throw new InvalidSsmlException("<say-as> needs an interpret-as attribute");
        }
        String content = squeeze(e.getTextContent());
        return switch (how) {
            case "characters", "spell-out", "letters", "verbatim" -> spaced(content, false);
            case "digits", "digit", "telephone" -> spaced(content, true);
            default -> content;
        };
    }

    /** One character per word ({@code ABC} → {@code A B C}); digits only, when {@code digitsOnly}. */
    private static String spaced(String content, boolean digitsOnly) {
        StringBuilder out = new StringBuilder();
        content.codePoints().filter(c -> !Character.isWhitespace(c))
                .filter(c -> !digitsOnly || Character.isDigit(c) || Character.isLetter(c))
                .forEach(c -> out.append(out.isEmpty() ? "" : " ").appendCodePoint(c));
        return " " + out + " ";
    }

    private static String squeeze(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
