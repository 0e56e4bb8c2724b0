package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;
import static org.opentalks.gateway.rest.GatewayTestProfile.MEDIA_BASE_URL;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.service.media.MediaConfig;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * The signed links of talk objects (result_url, audio_url, source_url), served by GET /media/… to
 * anyone holding an intact, unexpired link, and to no one else.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class MediaLinksApiTest {
    private static final Pattern EXPIRES = Pattern.compile("[?&]expires=([^&]+)");

    @Inject
    ObjectStore store;

    @Inject
    MediaConfig mediaConfig;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private NotifierStandIn notifier;

    @BeforeEach
    void startNotifier() {
        notifier = new NotifierStandIn(store, bootstrap);
    }

    @AfterEach
    void stopNotifier() {
        notifier.close();
    }

    @Test
    void resultAndAudioLinksDownloadTheStoredBytesWithoutAnApiKey() {
        byte[] result = randomBytes(200_000);
        byte[] speech = Samples.sineWav(16_000, 1, 16, 0.5, 300);
        String id = Api.createMinimal(ALICE);
        notifier.finish(id, result, speech);
        JsonNode talk = Api.awaitStatus(ALICE, id, "done");

        String resultUrl = talk.get("result_url").asText();
        assertTrue(resultUrl.startsWith(MEDIA_BASE_URL + "/media/results/alice/" + id + ".mp4?expires="), resultUrl);
        long expires = Long.parseLong(expires(resultUrl));
        long validity = mediaConfig.urlValidity().toSeconds();
        long now = Instant.now().getEpochSecond();
        assertTrue(expires > now + validity - 120 && expires <= now + validity + 1,
                "expires " + expires + " is the configured validity from now");

        Response video = Api.download(resultUrl);
        assertEquals(200, video.statusCode(), video::asString);
        assertEquals("video/mp4", video.contentType());
        assertArrayEquals(result, video.asByteArray());

        Response audio = Api.download(talk.get("audio_url").asText());
        assertEquals(200, audio.statusCode(), audio::asString);
        assertEquals("audio/wav", audio.contentType());
        assertArrayEquals(speech, audio.asByteArray());
    }

    @Test
    void tamperedLinksAreRefused() {
        String id = Api.createMinimal(ALICE);
        notifier.finish(id, randomBytes(1000), Samples.sineWav(16_000, 1, 16, 0.1, 300));
        String link = Api.pathAndQuery(Api.awaitStatus(ALICE, id, "done").get("result_url").asText());
        String expires = expires(link);
        String signature = link.substring(link.indexOf("signature=") + "signature=".length());
        char last = signature.charAt(signature.length() - 1);
        String flipped = signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertEquals(200, mediaGet(link).statusCode(), "the intact link");
        assertRefused(link.replace("signature=" + signature, "signature=" + flipped));
        assertRefused(link.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 3600)));
        assertRefused(link.replace("expires=" + expires, "expires=never"));
        assertRefused(link.substring(0, link.indexOf("&signature=")));
        assertRefused(link.substring(0, link.indexOf('?')));
        assertRefused(link.replace("/results/alice/", "/results/bob/"));
    }

    @Test
    void expiredLinkIsRefusedAndOnlyMediaIsServedEvenWhenSigned() {
        String id = Api.createMinimal(ALICE);
        notifier.finish(id, randomBytes(1000), Samples.sineWav(16_000, 1, 16, 0.1, 300));
        Api.awaitStatus(ALICE, id, "done");
        String resultKey = ObjectKeys.result("alice", id, "mp4");
        MediaUrls valid = new MediaUrls(MEDIA_BASE_URL, mediaConfig.signingKey(), Duration.ofMinutes(1));
        MediaUrls expired = new MediaUrls(MEDIA_BASE_URL, mediaConfig.signingKey(), Duration.ofMinutes(-1));

        assertEquals(200, Api.download(valid.url(resultKey, false)).statusCode(), "a link signed the same way");
        assertRefused(Api.pathAndQuery(expired.url(resultKey, false)));
        assertRefused(Api.pathAndQuery(valid.url(ObjectKeys.record("alice", id), false)));
        assertRefused(Api.pathAndQuery(valid.url(ObjectKeys.record("alice", id), true)));
    }

    @Test
    void persistedTalkHasLinksWithoutExpiryIncludingItsUploadedSource() throws IOException {
        JsonNode image = Api.uploadImage(ALICE, Samples.photo("grace_hopper.jpg"));
        byte[] result = randomBytes(5000);
        String id = Api.createTalk(ALICE, """
                {"source_url": "%s", "script": {"type": "text", "input": "Hello there!"}, "persist": true}"""
                .formatted(image.get("url").asText())).get("id").asText();
        notifier.finish(id, result, Samples.sineWav(16_000, 1, 16, 0.1, 300));
        JsonNode talk = Api.awaitStatus(ALICE, id, "done");

        for (String field : new String[] {"result_url", "audio_url", "source_url"}) {
            assertEquals("never", expires(talk.get(field).asText()), field);
        }
        assertArrayEquals(result, Api.download(talk.get("result_url").asText()).asByteArray());
        Response source = Api.download(talk.get("source_url").asText());
        assertEquals(200, source.statusCode(), source::asString);
        assertEquals("image/jpeg", source.contentType());
        assertArrayEquals(Files.readAllBytes(Samples.photo("grace_hopper.jpg")), source.asByteArray());
    }

    @Test
    void uploadedSourceOfAnOrdinaryTalkIsAnExpiringLink() {
        JsonNode image = Api.uploadImage(ALICE, Samples.photo("astronaut.png"));
        String id = Api.createTalk(ALICE, """
                {"source_url": "%s", "script": {"type": "text", "input": "Hello there!"}}"""
                .formatted(image.get("url").asText())).get("id").asText();

        String source = Api.talk(ALICE, id).get("source_url").asText();

        assertTrue(source.startsWith(MEDIA_BASE_URL + "/media/uploads/alice/" + image.get("id").asText()
                + "/astronaut.png?expires="), source);
        assertTrue(expires(source).matches("\\d+"), source);
        assertEquals(200, Api.download(source).statusCode());
    }

    @Test
    void anotherOwnersImageIsNeverHandedOutAsASourceLink() throws IOException {
        String bobsImage = Api.uploadImage(BOB, Samples.photo("grace_hopper.jpg")).get("url").asText();

        Response created = Api.postTalk(ALICE, """
                {"source_url": "%s", "script": {"type": "text", "input": "Hello there!"}}""".formatted(bobsImage));

        assertNotLeaked(created, "source_url", Files.readAllBytes(Samples.photo("grace_hopper.jpg")));
    }

    @Test
    void anotherOwnersAudioIsNeverHandedOutAsAnAudioLink() {
        Response audio = Api.postAudio(BOB, "secret.wav", Samples.sineWav(16_000, 1, 16, 0.5, 300), "audio/wav");
        assertEquals(201, audio.statusCode(), audio::asString);
        String bobsAudio = Api.json(audio).get("url").asText();

        Response created = Api.postTalk(ALICE, """
                {"source_url": "https://example.com/photos/me.png",
                 "script": {"type": "audio", "audio_url": "%s"}}""".formatted(bobsAudio));

        assertNotLeaked(created, "audio_url", store.get(bobsAudio.substring("s3://opentalks/".length())));
    }

    /**
     * Naming another owner's upload is either refused (as a missing upload would be) or at least
     * never turned into a link that downloads it.
     */
    private static void assertNotLeaked(Response created, String field, byte[] othersBytes) {
        if (created.statusCode() != 201) {
            assertTrue(created.statusCode() == 400 || created.statusCode() == 404, created::asString);
            return;
        }
        JsonNode talk = Api.talk(ALICE, Api.json(created).get("id").asText());
        String shown = talk.get(field).asText();
        if (shown.startsWith(MEDIA_BASE_URL + "/media/")) {
            Response download = Api.download(shown);
            assertTrue(download.statusCode() != 200 || !Arrays.equals(othersBytes, download.asByteArray()),
                    field + " of alice's talk is a working link to bob's upload: " + shown);
        }
    }

    private static Response mediaGet(String pathAndQuery) {
        return given().urlEncodingEnabled(false).when().get(pathAndQuery);
    }

    private static void assertRefused(String pathAndQuery) {
        Response response = mediaGet(pathAndQuery);
        assertEquals(403, response.statusCode(), () -> pathAndQuery + ": " + response.asString());
        assertEquals("PermissionError", Api.json(response).get("kind").asText());
    }

    private static String expires(String link) {
        Matcher m = EXPIRES.matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
