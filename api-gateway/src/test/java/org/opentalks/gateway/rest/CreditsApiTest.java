package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.Api.TIMESTAMP;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.CAROL;
import static org.opentalks.gateway.rest.GatewayTestProfile.FRANK;
import static org.opentalks.gateway.rest.GatewayTestProfile.HEIDI;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * Credits: a metered owner's talks take one each (402 InsufficientCreditsError when none are left),
 * a talk that ends in error gives its credit back, and GET /credits tells what remains, in D-ID's
 * shape, for every key. Carol has 2 credits and frank 1; no other test uses them.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class CreditsApiTest {
    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void talksTakeCreditsUntilNoneAreLeftAndAFailedTalkGivesItsCreditBack() {
        assertCredits(CAROL, "carol", 2, 2);
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            notifier.awaitGatewayCaughtUp();
            String first = Api.createMinimal(CAROL);
            String second = Api.createMinimal(CAROL);
            assertInsufficientCredits(CAROL);
            assertCredits(CAROL, "carol", 0, 2);

            // As the notifier would: both records created and announced, then the first fails.
            TalkRecord failing = notifier.storeCreated(first);
            notifier.storeCreated(second);
            assertCredits(CAROL, "carol", 0, 2);
            notifier.write(failing.failed(Instant.now().truncatedTo(ChronoUnit.MILLIS), ErrorKind.SourceError,
                    "the source image could not be loaded"));
            notifier.awaitGatewayCaughtUp();

            assertCredits(CAROL, "carol", 1, 2);
            assertEquals("error", Api.talk(CAROL, first).get("status").asText());
            Api.createMinimal(CAROL);
            assertInsufficientCredits(CAROL);
            assertCredits(CAROL, "carol", 0, 2);
        }
    }

    @Test
    void aRepeatedAnnouncementOfOneFailureRefundsOnlyOnce() {
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            notifier.awaitGatewayCaughtUp();
            String id = Api.createMinimal(FRANK);
            assertInsufficientCredits(FRANK);
            TalkRecord failed = notifier.storeCreated(id).failed(Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    ErrorKind.FaceError, "face not detected");
            notifier.write(failed);
            // talks.status is delivered at least once: the same write may arrive again.
            notifier.announce(failed);
            notifier.awaitGatewayCaughtUp();

            assertCredits(FRANK, "frank", 1, 1);
            Api.createMinimal(FRANK);
            assertInsufficientCredits(FRANK);
        }
    }

    @Test
    void anUnmeteredOwnerReportsOneUnlimitedGrant() {
        JsonNode credits = assertCredits(ALICE, "alice", Integer.MAX_VALUE, Integer.MAX_VALUE);

        assertEquals("opentalks-unmetered", credits.get("credits").get(0).get("product_id").asText());
    }

    @Test
    void theGrantsTimesComeFromTheLedger() {
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            notifier.awaitGatewayCaughtUp();
            String before = grant(HEIDI).get("modified").asText();
            JsonNode created = Api.createTalk(HEIDI, Api.MINIMAL_BODY);

            JsonNode grant = grant(HEIDI);
            assertEquals(created.get("created_at").asText(), grant.get("modified").asText(),
                    "a charge moves the ledger at the talk's creation");
            assertTrue(before.compareTo(grant.get("modified").asText()) <= 0, before + " then " + grant);
            assertEquals(grant.get("created").asText(), grant.get("valid_from").asText());
            assertTrue(grant.get("created").asText().compareTo(grant.get("modified").asText()) <= 0, grant::toString);
            assertEquals("opentalks-quota", grant.get("product_id").asText());

            TalkRecord failed = notifier.storeCreated(created.get("id").asText())
                    .failed(Instant.now().truncatedTo(ChronoUnit.MILLIS), ErrorKind.FaceError, "face not detected");
            notifier.write(failed);
            notifier.awaitGatewayCaughtUp();
            assertEquals(TalkObject.timestamp(failed.modifiedAt()), grant(HEIDI).get("modified").asText(),
                    "a refund moves it at the talk's failure");
        }
    }

    private static JsonNode grant(String authorization) {
        Response response = given().header("Authorization", authorization).when().get("/credits");
        assertEquals(200, response.statusCode(), response::asString);
        return Api.json(response).get("credits").get(0);
    }

    private static void assertInsufficientCredits(String authorization) {
        Response refused = Api.postTalk(authorization, Api.MINIMAL_BODY);
        assertEquals(402, refused.statusCode(), refused::asString);
        assertEquals("InsufficientCreditsError", Api.json(refused).get("kind").asText());
        assertEquals("not enough credits", Api.json(refused).get("description").asText());
    }

    /** D-ID's shape: integer counts, one grant with every field D-ID clients read, real timestamps. */
    private static JsonNode assertCredits(String authorization, String owner, long remaining, long total) {
        Response response = given().header("Authorization", authorization).when().get("/credits");
        assertEquals(200, response.statusCode(), response::asString);
        JsonNode credits = Api.json(response);
        assertTrue(credits.get("remaining").isIntegralNumber() && credits.get("total").isIntegralNumber(),
                credits::toString);
        assertEquals(remaining, credits.get("remaining").asLong(), credits::toString);
        assertEquals(total, credits.get("total").asLong(), credits::toString);
        assertEquals(1, credits.get("credits").size(), credits::toString);
        JsonNode grant = credits.get("credits").get(0);
        assertEquals(Set.of("owner_id", "product_id", "remaining", "total", "valid_from", "expire_at", "created",
                "modified"), fieldNames(grant), grant::toString);
        assertEquals(owner, grant.get("owner_id").asText());
        assertEquals(remaining, grant.get("remaining").asLong());
        assertEquals(total, grant.get("total").asLong());
        for (String time : List.of("valid_from", "expire_at", "created", "modified")) {
            assertTrue(grant.get(time).asText().matches(TIMESTAMP), grant::toString);
        }
        return credits;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
