package org.opentalks.speech.cloud;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSML document Azure Speech's REST API takes (Azure "Speech Synthesis Markup Language" reference:
 * {@code <speak version xmlns xml:lang>} around one or more {@code <voice name>}): the script's text or the
 * client's SSML inside the talk's voice, with {@code voice_config}'s style as {@code <mstts:express-as>} and
 * rate, pitch and volume as {@code <prosody>}. SSML that chooses its own voices is sent as written, inside a
 * complete {@code <speak>} root.
 */
final class AzureSsml {
    static final String SYNTHESIS = "http://www.w3.org/2001/10/synthesis";
    static final String MSTTS = "https://www.w3.org/2001/mstts";
    static final String EMOTIONML = "http://www.w3.org/2009/10/emotionml";

    private static final Pattern VOICE_ELEMENT = Pattern.compile("<voice[\\s>/]");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*')");

    /** How the voice delivers the script; null members are left to the voice. */
    record Delivery(String style, String rate, String pitch, String volume) {
        static final Delivery PLAIN = new Delivery(null, null, null, null);

        boolean hasProsody() {
            return rate != null || pitch != null || volume != null;
        }
    }

    private AzureSsml() {
    }

    /** Plain text spoken by {@code voice}. */
    static String forText(String text, String voice, Delivery delivery) {
        return speak(Map.of(), CloudSpeechEngine.localeOf(voice), inVoice(Xml.escape(text), voice, delivery));
    }

    /**
     * The client's SSML, with or without its {@code <speak>} root, spoken by {@code voice} unless it names voices
     * itself; the root keeps the client's {@code xml:lang} and namespace declarations.
     *
     * @throws org.opentalks.speech.SpeechException TEXT when the result is not well-formed XML
     */
    static String forClient(String ssml, String voice, Delivery delivery) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(Xml.speakAttributes(ssml));
        while (m.find()) {
            attributes.put(m.group(1), m.group(2).substring(1, m.group(2).length() - 1));
        }
        String lang = attributes.getOrDefault("xml:lang", CloudSpeechEngine.localeOf(voice));
        Map<String, String> namespaces = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (name.startsWith("xmlns:")) {
                namespaces.put(name, value);
            }
        });
        String content = Xml.speakContent(ssml);
        String body = VOICE_ELEMENT.matcher(content).find() ? content : inVoice(content, voice, delivery);
        String document = speak(namespaces, lang, body);
        Xml.parse(document, true);
        return document;
    }

    private static String inVoice(String content, String voice, Delivery delivery) {
        StringBuilder s = new StringBuilder("<voice name=\"").append(Xml.escape(voice)).append("\">");
        if (delivery.style() != null) {
            s.append("<mstts:express-as style=\"").append(Xml.escape(delivery.style())).append("\">");
        }
        if (delivery.hasProsody()) {
            s.append("<prosody");
            attribute(s, "rate", delivery.rate());
            attribute(s, "pitch", delivery.pitch());
            attribute(s, "volume", delivery.volume());
            s.append('>');
        }
        s.append(content);
        if (delivery.hasProsody()) {
            s.append("</prosody>");
        }
        if (delivery.style() != null) {
            s.append("</mstts:express-as>");
        }
        return s.append("</voice>").toString();
    }

    private static void attribute(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append(' ').append(name).append("=\"").append(Xml.escape(value)).append('"');
        }
    }

    private static String speak(Map<String, String> clientNamespaces, String lang, String body) {
        Map<String, String> namespaces = new LinkedHashMap<>(clientNamespaces);
        namespaces.putIfAbsent("xmlns:mstts", MSTTS);
        namespaces.putIfAbsent("xmlns:emo", EMOTIONML);
        StringBuilder s = new StringBuilder("<speak version=\"1.0\" xmlns=\"").append(SYNTHESIS).append('"');
        // Values are attribute text as the client wrote it (entities and all): only the quote needs escaping.
        namespaces.forEach((name, uri) -> s.append(' ').append(name).append("=\"").append(quoted(uri)).append('"'));
        s.append(" xml:lang=\"").append(quoted(lang)).append("\">");
        return s.append(body).append("</speak>").toString();
    }

    private static String quoted(String attributeText) {
        return attributeText.replace("\"", "&quot;");
    }
}
