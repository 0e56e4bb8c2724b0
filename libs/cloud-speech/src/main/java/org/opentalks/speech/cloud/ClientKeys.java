package org.opentalks.speech.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * The provider keys a client sends with a talk in D-ID's {@code x-api-key-external} header, so that its
 * speech runs on its own provider account. They override the operator's for that talk only and are never
 * stored, logged or repeated in messages (every key is a {@link Secret}).
 *
 * <p>The header is a JSON object keyed by provider type. D-ID documents {@code {"elevenlabs":"<key>"}}; the
 * other providers take these forms:
 * <pre>
 * {"elevenlabs": "&lt;xi-api-key&gt;",
 *  "microsoft":  "&lt;key&gt;"  or  {"key": "&lt;key&gt;", "region": "westeurope"},
 *  "amazon":     {"access_key_id": "AKIA…", "secret_access_key": "…", "session_token": "…", "region": "eu-west-1"}
 *                or "&lt;access key id&gt;:&lt;secret access key&gt;",
 *  "google":     "&lt;API key&gt;"  or  {"api_key": "…"}  or  {"access_token": "ya29…"}}
 * </pre>
 * {@code azure} and {@code azure-openai} are read as {@code microsoft}; camelCase names ({@code accessKeyId})
 * are accepted too. Keys for other providers are ignored, as D-ID ignores them.
 *
 * @param microsoft  an Azure Speech key, with the region of its resource where the client says (else the
 *                   operator's region)
 * @param elevenlabs an ElevenLabs API key
 * @param amazon     AWS keys, with their region where the client says
 * @param google     a Google API key or access token
 */
public record ClientKeys(AzureKey microsoft, Secret elevenlabs, AwsKey amazon, GoogleCredentials google) {
    public static final ClientKeys NONE = new ClientKeys(null, null, null, null);
    /** The name of D-ID's header. */
    public static final String HEADER = "x-api-key-external";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "{\"elevenlabs\":\"<key>\"}";

    /** @param region null for the operator's */
    public record AzureKey(Secret key, String region) {
        public AzureKey {
            if (key == null) {
                throw new IllegalArgumentException("an Azure Speech key is required");
            }
            if (region != null) {
                Settings.checkRegion(region, "Azure Speech");
            }
        }
    }

    /** @param region null for the operator's */
    public record AwsKey(AwsCredentials credentials, String region) {
        public AwsKey {
            if (credentials == null) {
                throw new IllegalArgumentException("AWS keys are required");
            }
            if (region != null) {
                Settings.checkRegion(region, "Amazon Polly");
            }
        }
    }

    /** Whether no key is given at all. */
    public boolean isEmpty() {
        return microsoft == null && elevenlabs == null && amazon == null && google == null;
    }

    /**
     * Reads the {@code x-api-key-external} header; null or blank is {@link #NONE}.
     *
     * @throws IllegalArgumentException with a sentence naming what is wrong, never quoting the header
     */
    public static ClientKeys parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which holds keys: say only what was expected.
            throw new IllegalArgumentException(HEADER + " must be a JSON object such as " + EXAMPLE
                    + "; it is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(HEADER + " must be a JSON object such as " + EXAMPLE + ".");
        }
        AzureKey microsoft = null;
        Secret elevenlabs = null;
        AwsKey amazon = null;
        GoogleCredentials google = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            switch (field.getKey().strip().toLowerCase(java.util.Locale.ROOT)) {
                case "elevenlabs" -> elevenlabs = requiredSecret(text(value, "elevenlabs", "a string"), "elevenlabs");
                case "microsoft", "azure", "azure-openai" -> microsoft = microsoft != null ? microsoft : azure(value);
                case "amazon" -> amazon = aws(value);
                case "google" -> google = google(value);
                default -> {
                    // Another provider's key (D-ID has more): ignored, as D-ID ignores it.
                }
            }
        }
        return new ClientKeys(microsoft, elevenlabs, amazon, google);
    }

    private static AzureKey azure(JsonNode value) {
        if (value.isTextual()) {
            return new AzureKey(requiredSecret(value.asText(), "microsoft"), null);
        }
        object(value, "microsoft", "a key or {\"key\": …, \"region\": …}");
        return new AzureKey(requiredSecret(member(value, "microsoft", "key"), "microsoft.key"),
                blankToNull(member(value, "microsoft", "region")));
    }

    private static AwsKey aws(JsonNode value) {
        if (value.isTextual()) {
            String pair = value.asText();
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException(HEADER + ": amazon must be {\"access_key_id\": …, "
                        + "\"secret_access_key\": …} or \"<access key id>:<secret access key>\".");
            }
            return new AwsKey(AwsCredentials.of(pair.substring(0, colon), pair.substring(colon + 1), null), null);
        }
        object(value, "amazon", "{\"access_key_id\": …, \"secret_access_key\": …}");
        AwsCredentials credentials = AwsCredentials.of(member(value, "amazon", "access_key_id", "accessKeyId"),
                member(value, "amazon", "secret_access_key", "secretAccessKey"),
                member(value, "amazon", "session_token", "sessionToken"));
        if (credentials == null) {
            throw new IllegalArgumentException(HEADER + ": amazon needs both access_key_id and secret_access_key.");
        }
        return new AwsKey(credentials, blankToNull(member(value, "amazon", "region")));
    }

    private static GoogleCredentials google(JsonNode value) {
        if (value.isTextual()) {
            return new GoogleCredentials(requiredSecret(value.asText(), "google"), null);
        }
        object(value, "google", "an API key, {\"api_key\": …} or {\"access_token\": …}");
        GoogleCredentials credentials = GoogleCredentials.of(member(value, "google", "api_key", "apiKey"),
                member(value, "google", "access_token", "accessToken"));
        if (credentials == null) {
            throw new IllegalArgumentException(HEADER + ": google needs an api_key or an access_token.");
        }
        return credentials;
    }

    private static void object(JsonNode value, String provider, String expected) {
        if (!value.isObject()) {
            throw new IllegalArgumentException(HEADER + ": " + provider + " must be " + expected + ".");
        }
    }

    /** The first of {@code names} that {@code object} has, as text; null if none. */
    private static String member(JsonNode object, String provider, String... names) {
        for (String name : names) {
            JsonNode node = object.get(name);
            if (node != null && !node.isNull()) {
                return text(node, provider + "." + name, "a string");
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field, String expected) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(HEADER + ": " + field + " must be " + expected + ".");
        }
        return node.asText();
    }

    private static Secret requiredSecret(String value, String field) {
        Secret secret = Secret.of(value);
        if (secret == null) {
            throw new IllegalArgumentException(HEADER + ": " + field + " is empty.");
        }
        return secret;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
