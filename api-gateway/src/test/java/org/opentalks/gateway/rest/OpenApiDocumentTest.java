package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.gateway.request.TalkRequest;
import org.opentalks.service.testing.LocalInfraTestResource;

/**
 * The served OpenAPI document describes the request the gateway reads: its request schemas are the
 * request records' (same fields, same bounds, same variants), and every reference in it resolves.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class OpenApiDocumentTest {

    @Test
    void theTalkRequestSchemaIsTheRequestRecords() {
        JsonNode schemas = document().get("components").get("schemas");
        JsonNode request = schemas.get("CreateTalkRequest");

        assertEquals(wireNames(TalkRequest.class), fieldNames(request.get("properties")), request::toString);
        assertEquals(List.of("source_url", "script"), texts(request.get("required")));
        JsonNode text = schemas.get("TextScript").get("properties");
        assertEquals(3, text.get("input").get("minLength").asInt(), text::toString);
        assertEquals(40_000, text.get("input").get("maxLength").asInt(), text::toString);
        assertEquals(wireNames(TalkRequest.TalkConfig.class), fieldNames(schemas.get("TalkConfig").get("properties")));
        JsonNode pad = schemas.get("TalkConfig").get("properties").get("pad_audio");
        assertEquals(60, pad.get("oneOf").get(0).get("maximum").asInt(), pad::toString);
        assertEquals("#/components/schemas/NumberString", pad.get("oneOf").get(1).get("$ref").asText(), pad::toString);
        JsonNode providers = schemas.get("TextScript").get("properties").get("provider");
        JsonNode mapping = (providers.has("allOf") ? schemas.get("Provider") : providers).get("discriminator")
                .get("mapping");
        assertEquals(Set.of("microsoft", "azure-openai", "elevenlabs", "amazon", "google", "afflorithmics",
                "espeak-ng", "flite", "festival", "piper"), fieldNames(mapping), mapping::toString);
        assertEquals(List.of("neutral", "happy", "serious", "surprise"),
                texts(schemas.get("Expression").get("properties").get("expression").get("enum")));
    }

    @Test
    void everyReferenceResolves() {
        JsonNode document = document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertTrue(refs.size() > 50, "references: " + refs.size());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertTrue(!document.at(ref.substring(1)).isMissingNode(), () -> ref + " does not resolve");
        }
        assertEquals("#/components/schemas/CreateTalkRequest", document.at("/paths/~1talks/post/requestBody/content")
                .elements().next().get("schema").get("$ref").asText());
    }

    private static JsonNode document() {
        Response response = given().queryParam("format", "json").when().get("/q/openapi");
        assertEquals(200, response.statusCode(), response::asString);
        return Api.json(response);
    }

    /** The names a record's components have on the wire (snake_case), as the request reader reads them. */
    private static Set<String> wireNames(Class<?> record) {
        Set<String> names = new HashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase());
        }
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equals("$ref") && node.get(name).isTextual()) {
                    refs.add(node.get(name).asText());
                } else {
                    collectRefs(node.get(name), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
