package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * GET /tts/voices: the installed voices and the provider voices D-ID clients name, in D-ID's voice shape with the
 * flat fields older clients read and which local voice speaks for which provider voice, filtered by provider and
 * by id or name.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class VoicesApiTest {
    /** The catalogue a tts-service would have published. */
    @BeforeEach
    void catalogue() {
        TestCatalogue.publish(store);
    }

    @Inject
    ObjectStore store;

    @Test
    void installedVoicesAreListedInDidShape() {
        JsonNode voices = voices("provider=espeak-ng");

        assertTrue(voices.size() > 10, "espeak-ng installs about a hundred voices: " + voices.size());
        for (JsonNode voice : voices) {
            assertFlatFields(voice);
            assertEquals("espeak-ng", voice.get("provider").asText(), voice::toString);
            assertTrue(voice.get("styles").isArray(), voice::toString);
            assertTrue(voice.get("languages").size() > 0, voice::toString);
            for (JsonNode language : voice.get("languages")) {
                assertTrue(language.get("locale").asText().matches("[a-z]{2,8}(-[A-Za-z0-9]+)*"), voice::toString);
            }
        }
        assertTrue(ids(voices).contains("en-us"), "American English is installed");
    }

    @Test
    void microsoftVoicesNameTheLocalVoiceThatSpeaksThem() {
        JsonNode jenny = voices("provider=microsoft&id=Jenny");

        assertEquals(1, jenny.size(), jenny::toString);
        JsonNode voice = jenny.get(0);
        assertFlatFields(voice);
        assertEquals("en-US-JennyNeural", voice.get("id").asText());
        assertEquals("Jenny", voice.get("name").asText());
        assertEquals("Female", voice.get("gender").asText());
        assertEquals("en-US", voice.get("locale").asText());
        assertEquals("English (United States)", voice.get("language").asText());
        assertTrue(voice.get("styles").toString().contains("cheerful"), voice::toString);
        assertTrue(voice.get("description").asText().contains("festival:slt-hts"),
                "Jenny is spoken by the female English voice: " + voice);
        assertEquals("festival:slt-hts", voice.path("spoken_by").asText(), voice::toString);
        assertTrue(voice.path("stands_in_for").isMissingNode(), "a provider voice stands in for nothing");
        assertEquals("Male", voices("id=en-US-GuyNeural").get(0).get("gender").asText());

        JsonNode slt = voices("provider=festival&id=slt-hts").get(0);
        assertTrue(slt.path("spoken_by").isMissingNode(), slt::toString);
        List<String> standsInFor = new ArrayList<>();
        slt.path("stands_in_for").forEach(id -> standsInFor.add(id.asText()));
        assertTrue(standsInFor.contains("en-US-JennyNeural") && !standsInFor.contains("en-US-GuyNeural"),
                "the female US voice speaks for Jenny, not for Guy: " + standsInFor);
        assertEquals(jenny, voices("id=en-us-jennyneural"));
    }

    @Test
    void voiceIdsAreUnique() {
        List<String> ids = new ArrayList<>(ids(voices("")));
        Set<String> seen = new HashSet<>();
        List<String> repeated = ids.stream().filter(id -> !seen.add(id)).toList();

        assertEquals(List.of(), repeated, "an id must name one voice (GET /tts/voices?id= and a talk's voice_id)");
    }

    @Test
    void providerFilterKeepsOnlyThatProvider() {
        JsonNode all = voices("");
        JsonNode espeak = voices("provider=espeak-ng");
        JsonNode microsoft = voices("provider=microsoft");

        assertEquals(espeak, voices("provider=ESPEAK-NG"));
        assertTrue(microsoft.size() >= 40, microsoft::toString);
        microsoft.forEach(v -> assertEquals("microsoft", v.get("provider").asText()));
        assertEquals(all.size(), espeak.size() + microsoft.size() + voices("provider=amazon").size()
                + voices("provider=elevenlabs").size() + voices("provider=flite").size()
                + voices("provider=festival").size());
        assertEquals(0, voices("provider=google").size());
    }

    @Test
    void idFilterKeepsOnlyThatVoice() {
        JsonNode english = voices("id=en-us");

        assertEquals(1, english.size(), english::toString);
        assertEquals("en-us", english.get(0).get("id").asText());
        assertEquals("en-US", english.get(0).get("languages").get(0).get("locale").asText());
        assertEquals(english, voices("id=EN-US"));
        assertEquals(english, voices("provider=espeak-ng&id=en-us"));
        assertEquals(english, voices("id=" + english.get(0).get("name").asText()), "a voice by its name");
        assertEquals(0, voices("provider=espeak-ng&id=en-US-JennyNeural").size());
        assertEquals(0, voices("provider=microsoft&id=en-us").size());
    }

    /** The fields older D-ID clients read from each voice, beside {@code languages} and {@code styles}. */
    private static void assertFlatFields(JsonNode voice) {
        for (String field : List.of("id", "name", "gender", "locale", "language", "access", "provider")) {
            assertTrue(voice.path(field).isTextual() && !voice.get(field).asText().isBlank(),
                    () -> field + " in " + voice);
        }
        assertTrue(List.of("Female", "Male", "Unspecified").contains(voice.get("gender").asText()), voice::toString);
        assertEquals("public", voice.get("access").asText(), voice::toString);
    }

    private static JsonNode voices(String query) {
        Response response = given().header("Authorization", ALICE)
                .when().get("/tts/voices" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, response.statusCode(), response::asString);
        JsonNode voices = Api.json(response);
        assertTrue(voices.isArray(), voices::toString);
        return voices;
    }

    private static List<String> ids(JsonNode voices) {
        List<String> ids = new ArrayList<>();
        voices.forEach(v -> ids.add(v.get("id").asText().toLowerCase(Locale.ROOT)));
        return ids;
    }
}
