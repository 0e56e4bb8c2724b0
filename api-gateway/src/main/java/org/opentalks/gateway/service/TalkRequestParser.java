package org.opentalks.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.gateway.rest.ApiException;

/**
 * Turns a POST /talks body into a {@link TalkSpec}, or a 400 ValidationError whose details name the
 * offending field by its request path ({@code body.script.input}), as D-ID answers.
 */
public final class TalkRequestParser {
    private static final Pattern SOURCE_URL =
            Pattern.compile("^(https?|s3)://\\S+\\.(jpe?g|png)([?#]\\S*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DRIVER_URL = Pattern.compile("^(https|s3|bank)://\\S+$");
    private static final int MIN_INPUT = 3;
    private static final int MAX_INPUT = 40_000;
    private static final int MAX_USER_DATA = 1000;

    private final List<String> httpHosts;

    /** @param httpHosts hosts that may be named over plain http (local use), normally none */
    public TalkRequestParser(List<String> httpHosts) {
        this.httpHosts = httpHosts;
    }

    public TalkSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body", "the request body must be a JSON object");
        }
        String sourceUrl = requiredString(body, "source_url", "body.source_url");
        if (!SOURCE_URL.matcher(sourceUrl).matches() || !schemeAllowed(sourceUrl)) {
            throw ApiException.validation("body.source_url",
                    "must be an https or s3 URL of a .jpg, .jpeg or .png image");
        }
        String driverUrl = optionalString(body, "driver_url", "body.driver_url");
        if (driverUrl != null && !DRIVER_URL.matcher(driverUrl).matches()) {
            throw ApiException.validation("body.driver_url", "must be a bank://, https:// or s3:// URL");
        }
        TalkSpec.Script script = script(body.get("script"));
        TalkSpec.TalkConfig config = config(body.get("config"));
        String webhook = optionalString(body, "webhook", "body.webhook");
        if (webhook != null && webhook.isEmpty()) {
            webhook = null; // D-ID: an empty webhook means none
        }
        if (webhook != null && (!webhook.matches("^https?://\\S+$") || !schemeAllowed(webhook))) {
            throw ApiException.validation("body.webhook", "must be an https URL");
        }
        String userData = optionalString(body, "user_data", "body.user_data");
        if (userData != null && (userData.isBlank() || userData.length() > MAX_USER_DATA)) {
            throw ApiException.validation("body.user_data", "must be 1 to " + MAX_USER_DATA + " characters");
        }
        String name = optionalString(body, "name", "body.name");
        return new TalkSpec(sourceUrl, driverUrl, script, config, webhook, userData, name);
    }

    private boolean schemeAllowed(String url) {
        if (!url.regionMatches(true, 0, "http://", 0, 7)) {
            return true;
        }
        try {
            return httpHosts.contains(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TalkSpec.Script script(JsonNode script) {
        if (script == null || script.isNull()) {
            throw ApiException.validation("body.script", "'script' is required");
        }
        if (!script.isObject()) {
            throw ApiException.validation("body.script", "must be an object");
        }
        String type = requiredString(script, "type", "body.script.type");
        if (type.equals("audio")) {
            throw ApiException.validation("body.script.type", "audio scripts are not supported yet; use text");
        }
        if (!type.equals("text")) {
            throw ApiException.validation("body.script.type", "must be one of: text, audio");
        }
        String input = requiredString(script, "input", "body.script.input");
        if (input.length() < MIN_INPUT || input.length() > MAX_INPUT) {
            throw ApiException.validation("body.script.input",
                    "must be " + MIN_INPUT + " to " + MAX_INPUT + " characters");
        }
        boolean ssml = optionalBoolean(script, "ssml", "body.script.ssml", false);
        TalkSpec.Provider provider = null;
        JsonNode p = script.get("provider");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw ApiException.validation("body.script.provider", "must be an object");
            }
            provider = new TalkSpec.Provider(requiredString(p, "type", "body.script.provider.type"),
                    optionalString(p, "voice_id", "body.script.provider.voice_id"));
        }
        return new TalkSpec.Script("text", input, provider, ssml);
    }

    private static TalkSpec.TalkConfig config(JsonNode config) {
        if (config == null || config.isNull()) {
            return TalkSpec.TalkConfig.DEFAULT;
        }
        if (!config.isObject()) {
            throw ApiException.validation("body.config", "must be an object");
        }
        boolean stitch = optionalBoolean(config, "stitch", "body.config.stitch", false);
        String format = optionalString(config, "result_format", "body.config.result_format");
        if (format != null && !format.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "").equals("mp4")) {
            throw ApiException.validation("body.config.result_format", "must be mp4");
        }
        return new TalkSpec.TalkConfig(stitch, "mp4");
    }

    private static String requiredString(JsonNode node, String field, String path) {
        String value = optionalString(node, field, path);
        if (value == null) {
            throw ApiException.validation(path, "'" + field + "' is required");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.validation(path, "must be a string");
        }
        return value.asText();
    }

    /** Booleans as JSON booleans or, as many D-ID clients send them, the strings "true"/"false". */
    private static boolean optionalBoolean(JsonNode node, String field, String path, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.getNodeType() == JsonNodeType.BOOLEAN) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        throw ApiException.validation(path, "must be a boolean");
    }
}
