package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.document.WebhookLog;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/** GET /talks/{id}/webhooks (beyond D-ID): the notifier's delivery log of a talk's webhook, to its owner only. */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class TalkWebhooksApiTest {
    private static final String HOOK = "https://example.com/hooks/orders";

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theLogShowsEveryAttemptOnceTheNotifierWroteIt() {
        String id = Api.createTalk(ALICE, Api.MINIMAL_BODY.replace("}}", "}, \"webhook\": \"" + HOOK + "\"}"))
                .get("id").asText();
        TalkRecord created;
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            created = notifier.storeCreated(id);
        }
        JsonNode waiting = webhooks(ALICE, id, 200);
        assertEquals("awaiting_result", waiting.get("state").asText(), waiting::toString);
        assertEquals(HOOK, waiting.get("webhook").asText());
        assertEquals(0, waiting.get("attempts").size());

        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        WebhookLog log = new WebhookLog(id, created.owner(), "msg_" + id, HOOK, created.status(),
                WebhookLog.State.DELIVERED, first, null, List.of(
                        new WebhookLog.Attempt(1, first, null, "java.net.ConnectException: Connection refused", 3),
                        new WebhookLog.Attempt(2, first.plusSeconds(5), 503, null, 41),
                        new WebhookLog.Attempt(3, first.plusSeconds(15), 200, null, 37)));
        store.putJson(ObjectKeys.webhookLog(created.owner(), id), log);

        JsonNode delivered = webhooks(ALICE, id, 200);
        assertEquals("delivered", delivered.get("state").asText(), delivered::toString);
        assertEquals("msg_" + id, delivered.get("webhook_id").asText());
        assertFalse(delivered.has("next_attempt_at"), delivered::toString);
        JsonNode attempts = delivered.get("attempts");
        assertEquals(3, attempts.size());
        assertFalse(attempts.get(0).has("status_code"), attempts::toString);
        assertEquals("java.net.ConnectException: Connection refused", attempts.get(0).get("error").asText());
        assertEquals(503, attempts.get(1).get("status_code").asInt());
        assertEquals(200, attempts.get(2).get("status_code").asInt());
        assertEquals(first.plusSeconds(15), Instant.parse(attempts.get(2).get("at").asText()));
        assertEquals(37, attempts.get(2).get("duration_ms").asInt());

        JsonNode refused = webhooks(BOB, id, 404);
        assertEquals("NotFoundError", refused.get("kind").asText(), refused::toString);
    }

    @Test
    void aTalkWithoutAWebhookSaysSo() {
        String id = Api.createMinimal(ALICE);
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            notifier.storeCreated(id);
        }
        JsonNode none = webhooks(ALICE, id, 200);
        assertEquals("none", none.get("state").asText(), none::toString);
        assertFalse(none.has("webhook"), none::toString);
        assertEquals(0, none.get("attempts").size());
    }

    private static JsonNode webhooks(String authorization, String id, int status) {
        Response response = given().header("Authorization", authorization).when().get("/talks/" + id + "/webhooks");
        assertEquals(status, response.statusCode(), response::asString);
        return Api.json(response);
    }
}
