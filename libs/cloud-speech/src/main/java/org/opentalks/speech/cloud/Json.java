package org.opentalks.speech.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.opentalks.speech.SpeechException;

/** The JSON of provider requests and answers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request body could not be written", e);
        }
    }

    /** The answer's JSON; null when it is not JSON (an error page, an empty body). */
    static JsonNode tryRead(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A successful answer's JSON. */
    static JsonNode read(byte[] body, String provider) {
        JsonNode node = tryRead(body);
        if (node == null || !node.isContainerNode()) {
            throw new SpeechException(SpeechException.Cause.PROVIDER, provider + " answered with something that is "
                    + "not the JSON its API documents; try again later.");
        }
        return node;
    }

    /** The text at {@code path} (field names), or null. */
    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String name : path) {
            if (at == null) {
                return null;
            }
            at = at.get(name);
        }
        return at == null || at.isNull() || at.isContainerNode() ? null : at.asText();
    }
}
