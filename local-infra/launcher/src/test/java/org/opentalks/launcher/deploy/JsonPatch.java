package org.opentalks.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** RFC 6902 add, remove, replace and test, as kustomize applies them (move and copy are not used here). */
final class JsonPatch {
    private JsonPatch() {
    }

    static void apply(ObjectNode document, ArrayNode operations, String where) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText();
            List<String> tokens = pointer(path);
            String last = tokens.remove(tokens.size() - 1);
            JsonNode parent = document;
            for (String token : tokens) {
                parent = child(parent, token);
                if (parent == null) {
                    throw new AssertionError(where + ": " + op + " " + path + ": no such path");
                }
            }
            JsonNode value = operation.get("value");
            switch (op) {
                case "add" -> add(parent, last, value, where + ": add " + path);
                case "remove" -> remove(parent, last, where + ": remove " + path);
                case "replace" -> {
                    remove(parent, last, where + ": replace " + path);
                    add(parent, last, value, where + ": replace " + path);
                }
                case "test" -> {
                    JsonNode actual = child(parent, last);
                    if (actual == null || !actual.equals(value)) {
                        throw new AssertionError(where + ": test " + path + " expects " + value + ", is " + actual
                                + " (kustomize would refuse this patch)");
                    }
                }
                default -> throw new AssertionError(where + ": op " + op + " is not understood by this test");
            }
        }
    }

    private static List<String> pointer(String path) {
        if (!path.startsWith("/")) {
            throw new AssertionError("not a JSON pointer: " + path);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode child(JsonNode parent, String token) {
        if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(token);
            return index < array.size() ? array.get(index) : null;
        }
        return parent.get(token);
    }

    private static void add(JsonNode parent, String token, JsonNode value, String where) {
        if (parent instanceof ObjectNode object) {
            object.set(token, value);
        } else if (parent instanceof ArrayNode array) {
            if (token.equals("-")) {
                array.add(value);
            } else {
                array.insert(Integer.parseInt(token), value);
            }
        } else {
            throw new AssertionError(where + ": the parent is not an object or an array");
        }
    }

    private static void remove(JsonNode parent, String token, String where) {
        if (child(parent, token) == null) {
            throw new AssertionError(where + ": nothing there to remove (kustomize would refuse this patch)");
        }
        if (parent instanceof ObjectNode object) {
            object.remove(token);
        } else {
            ((ArrayNode) parent).remove(Integer.parseInt(token));
        }
    }
}
