package org.opentalks.gateway.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Locale;

/** {@code config.logo}: an overlay object, or the legacy boolean (also as the strings "true" and "false"). */
final class LogoDeserializer extends StdDeserializer<TalkRequest.Logo> {
    LogoDeserializer() {
        super(TalkRequest.Logo.class);
    }

    @Override
    public TalkRequest.Logo deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return ctxt.readValue(p, TalkRequest.LogoOverlay.class);
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return new TalkRequest.LogoSwitch(token == JsonToken.VALUE_TRUE);
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return new TalkRequest.LogoSwitch(text.equals("true"));
            }
        }
        return (TalkRequest.Logo) ctxt.reportInputMismatch(this, "must be an object {url, position} or a boolean");
    }
}
