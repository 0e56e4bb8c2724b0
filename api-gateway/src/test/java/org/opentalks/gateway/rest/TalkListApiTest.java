package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.GRACE;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * GET /talks: the owner's stored talks, newest first, in pages chained by an opaque token. Grace
 * owns exactly the five talks made here, created a millisecond or more apart.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class TalkListApiTest {
    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Grace's talks, newest first, made once for the class. */
    private static final List<String> newestFirst = new ArrayList<>();

    @BeforeEach
    void createFiveStoredTalks() {
        if (!newestFirst.isEmpty()) {
            return;
        }
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            long previous = 0;
            for (int i = 0; i < 5; i++) {
                // Ids order by creation time to the millisecond: wait for the clock to pass the last one.
                while (Instant.now().toEpochMilli() <= previous) {
                    Thread.onSpinWait();
                }
                JsonNode created = Api.createTalk(GRACE, Api.MINIMAL_BODY.replace("Hello there!", "Talk " + i));
                previous = Instant.parse(created.get("created_at").asText()).toEpochMilli();
                String id = created.get("id").asText();
                notifier.storeCreated(id);
                newestFirst.add(0, id);
            }
        }
    }

    @Test
    void pagesOfTwoChainNewestFirstAndTheLastHasNoToken() {
        JsonNode first = page(GRACE, "limit=2");
        JsonNode second = page(GRACE, "limit=2&token=" + first.get("token").asText());
        JsonNode third = page(GRACE, "limit=2&token=" + second.get("token").asText());

        assertEquals(newestFirst.subList(0, 2), ids(first));
        assertEquals(newestFirst.subList(2, 4), ids(second));
        assertEquals(newestFirst.subList(4, 5), ids(third));
        assertFalse(third.has("token"), third::toString);
        assertNotEquals(first.get("token").asText(), second.get("token").asText());
    }

    @Test
    void listItemsAreFullTalkObjectsWithDescendingCreationTimes() {
        JsonNode all = page(GRACE, "");

        assertEquals(newestFirst, ids(all));
        assertFalse(all.has("token"), all::toString);
        List<Instant> times = new ArrayList<>();
        for (JsonNode talk : all.get("talks")) {
            assertEquals("talk", talk.get("object").asText());
            assertEquals("grace", talk.get("user_id").asText());
            assertEquals("created", talk.get("status").asText());
            assertTrue(talk.get("config").has("align_expand_factor"), talk::toString);
            times.add(Instant.parse(talk.get("created_at").asText()));
        }
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1).isAfter(times.get(i)), "newest first: " + times);
        }
    }

    @Test
    void aPageExactlyAsLargeAsWhatIsLeftHasNoToken() {
        JsonNode all = page(GRACE, "limit=5");

        assertEquals(newestFirst, ids(all));
        assertFalse(all.has("token"), all::toString);

        JsonNode four = page(GRACE, "limit=4");
        assertEquals(newestFirst.subList(0, 4), ids(four));
        assertEquals(newestFirst.subList(4, 5), ids(page(GRACE, "limit=4&token=" + four.get("token").asText())));
    }

    @Test
    void anotherOwnersTalksAreNeverListed() {
        JsonNode page = page(ALICE, "limit=1000");

        for (JsonNode talk : page.get("talks")) {
            assertEquals("alice", talk.get("user_id").asText());
            assertFalse(newestFirst.contains(talk.get("id").asText()));
        }
    }

    @Test
    void tokenOfAnotherOwnerOrForgedIsRefusedOrEmpty() {
        String gracesToken = page(GRACE, "limit=2").get("token").asText();
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("records/grace/".getBytes(StandardCharsets.UTF_8));

        for (String token : new String[] {gracesToken, forged, "not a token!", "%%%"}) {
            Response response = given().header("Authorization", ALICE).queryParam("token", token)
                    .when().get("/talks");
            if (response.statusCode() == 200) {
                assertEquals(List.of(), ids(Api.json(response)), "alice must see nothing of grace's through " + token);
            } else {
                assertEquals(400, response.statusCode(), response::asString);
                assertEquals("ValidationError", Api.json(response).get("kind").asText());
                assertTrue(Api.json(response).get("details").has("query.token"), response::asString);
            }
        }
    }

    @Test
    void limitOutOfRangeIsAValidationError() {
        for (String limit : new String[] {"0", "-1", "1001", "ten", "2.5"}) {
            Response response = given().header("Authorization", GRACE).queryParam("limit", limit)
                    .when().get("/talks");
            assertEquals(400, response.statusCode(), () -> limit + ": " + response.asString());
            JsonNode error = Api.json(response);
            assertEquals("ValidationError", error.get("kind").asText());
            assertTrue(error.get("details").has("query.limit"), error::toString);
        }
        assertEquals(1, ids(page(GRACE, "limit=1")).size());
        assertEquals(5, ids(page(GRACE, "limit=1000")).size());
    }

    private static JsonNode page(String authorization, String query) {
        Response response = given().header("Authorization", authorization).urlEncodingEnabled(false)
                .when().get("/talks" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, response.statusCode(), response::asString);
        JsonNode page = Api.json(response);
        assertTrue(page.get("talks").isArray(), page::toString);
        return page;
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("talks").spliterator(), false).map(t -> t.get("id").asText()).toList();
    }
}
