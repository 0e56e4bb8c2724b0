package org.opentalks.speech.cloud;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.opentalks.speech.SpeechException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** SSML as XML: escaping, and parsing that never reads a DTD or an external entity. */
final class Xml {
    private Xml() {
    }

    /** {@code text} safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Parses {@code document}.
     *
     * @param namespaceAware false to read prefixed names ({@code mstts:express-as}) as written, as the
     *                       fragments clients send do not declare them
     * @throws SpeechException {@link SpeechException.Cause#TEXT} saying where the XML is broken
     */
    static Document parse(String document, boolean namespaceAware) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(namespaceAware);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(document)));
        } catch (SAXParseException e) {
            throw new SpeechException(SpeechException.Cause.TEXT, "The SSML is not well-formed XML: "
                    + e.getMessage() + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ").");
        } catch (SAXException e) {
            throw new SpeechException(SpeechException.Cause.TEXT, "The SSML cannot be read: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be set up safely", e);
        }
    }

    /** {@code node} written out as XML, without a declaration. */
    static String write(Node node) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("SSML could not be written out", e);
        }
    }

    /** {@code input} without an XML declaration and, when it has one, without its {@code <speak>} root's tags. */
    static String speakContent(String input) {
        String s = input.strip();
        if (s.startsWith("<?xml")) {
            int end = s.indexOf("?>");
            s = end < 0 ? s : s.substring(end + 2).strip();
        }
        if (!s.regionMatches(true, 0, "<speak", 0, 6) || s.length() > 6 && !isNameEnd(s.charAt(6))) {
            return s;
        }
        int open = startTagEnd(s);
        int close = s.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</speak");
        if (open < 0) {
            return s;
        }
        if (s.charAt(open - 1) == '/') {
            return "";
        }
        return close > open ? s.substring(open + 1, close) : s.substring(open + 1);
    }

    /** The {@code <speak>} start tag's attributes as written, e.g. {@code  xml:lang="en-US"}; empty if none. */
    static String speakAttributes(String input) {
        String s = input.strip();
        if (s.startsWith("<?xml")) {
            int end = s.indexOf("?>");
            s = end < 0 ? s : s.substring(end + 2).strip();
        }
        if (!s.regionMatches(true, 0, "<speak", 0, 6)) {
            return "";
        }
        int open = startTagEnd(s);
        return open < 0 ? "" : s.substring(6, s.charAt(open - 1) == '/' ? open - 1 : open);
    }

    private static boolean isNameEnd(char c) {
        return Character.isWhitespace(c) || c == '>' || c == '/';
    }

    /** The index of the {@code >} closing the first tag, skipping quoted attribute values; -1 if none. */
    private static int startTagEnd(String s) {
        char quote = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }
}
