package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.TalkIds;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/** POST /audios (decoded to a 16 kHz mono WAV and stored) and DELETE /audios/{id}. */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class AudiosApiTest {
    @Inject
    ObjectStore store;

    @Test
    void wavUploadIsStoredAs16kHzMonoWavWithItsDuration() {
        // 2.5 s of a 440 Hz sine, 44.1 kHz stereo: the gateway resamples and mixes it down.
        Response response = Api.postAudio(ALICE, "hello there.wav", Samples.sineWav(44_100, 2, 16, 2.5, 440),
                "audio/wav");

        assertEquals(201, response.statusCode(), response::asString);
        JsonNode uploaded = Api.json(response);
        String id = uploaded.get("id").asText();
        assertTrue(id.matches("[A-Za-z0-9_-]{21}"), id);
        assertEquals("s3://opentalks/uploads/alice/" + id + "/hello_there.wav", uploaded.get("url").asText());
        assertEquals(2.5, uploaded.get("duration").asDouble(), 0.05, uploaded::toString);

        Samples.Wav stored = Samples.readWav(store.get(key(uploaded)));
        assertEquals(1, stored.format(), "PCM");
        assertEquals(1, stored.channels());
        assertEquals(16_000, stored.sampleRate());
        assertEquals(16, stored.bits());
        assertEquals(uploaded.get("duration").asDouble(), stored.seconds(), 0.001);
        // A 440 Hz sine crosses zero 880 times a second: the sound itself survived.
        assertEquals(2.5 * 880, stored.zeroCrossings(), 2.5 * 880 * 0.02);
    }

    @Test
    void uploadedAudioIsUsableInATalkAndItsLinkServesTheStoredWav() {
        JsonNode uploaded = Api.json(Api.postAudio(ALICE, "line.wav", Samples.sineWav(22_050, 1, 16, 1.2, 330),
                "audio/x-wav"));
        String id = Api.createTalk(ALICE, """
                {"source_url": "https://example.com/photos/me.png",
                 "script": {"type": "audio", "audio_url": "%s"}}""".formatted(uploaded.get("url").asText()))
                .get("id").asText();

        Response wav = Api.download(Api.talk(ALICE, id).get("audio_url").asText());

        assertEquals(200, wav.statusCode(), wav::asString);
        assertEquals("audio/wav", wav.contentType());
        assertArrayEquals(store.get(key(uploaded)), wav.asByteArray());
    }

    @Test
    void deleteRemovesTheUploadOnceAndOnlyForItsOwner() {
        JsonNode uploaded = Api.json(Api.postAudio(ALICE, "bye.wav", Samples.sineWav(16_000, 1, 16, 0.5, 200),
                "audio/wav"));
        String id = uploaded.get("id").asText();

        Response bobs = given().header("Authorization", BOB).when().delete("/audios/" + id);
        assertEquals(404, bobs.statusCode(), bobs::asString);
        assertEquals("NotFoundError", Api.json(bobs).get("kind").asText());
        assertTrue(store.exists(key(uploaded)), "another owner's delete removes nothing");

        given().header("Authorization", ALICE).when().delete("/audios/" + id)
                .then().statusCode(204);
        assertEquals(List.of(), store.list("uploads/alice/" + id + "/"));

        Response again = given().header("Authorization", ALICE).when().delete("/audios/" + id);
        assertEquals(404, again.statusCode(), again::asString);
        assertEquals("NotFoundError", Api.json(again).get("kind").asText());
    }

    @Test
    void deleteOfAnUnknownOrMalformedIdIsNotFound() {
        String image = Api.uploadImage(ALICE, Samples.photo("astronaut.png")).get("id").asText();
        for (String id : new String[] {TalkIds.audioId(), "short", image, "..%2F..%2Fresults"}) {
            Response response = given().header("Authorization", ALICE).when().delete("/audios/" + id);
            assertEquals(404, response.statusCode(), id);
            assertEquals("NotFoundError", Api.json(response).get("kind").asText());
        }
    }

    @Test
    void textOrAnImageIsAnUnsupportedMimeType() throws IOException {
        Response text = Api.postAudio(ALICE, "notes.txt", "just words".getBytes(StandardCharsets.UTF_8),
                "text/plain");
        assertUnsupported(text, "text/plain");

        Response png = Api.postAudio(ALICE, "voice.wav", Files.readAllBytes(Samples.photo("astronaut.png")),
                "audio/wav");
        assertUnsupported(png, "audio/wav");
    }

    @Test
    void undecodableAudioIsABadRequest() {
        // A WAV header that promises PCM, followed by a broken fmt chunk and noise.
        byte[] wav = Samples.sineWav(16_000, 1, 16, 0.2, 300);
        byte[] broken = Arrays.copyOf(wav, 64);
        Arrays.fill(broken, 12, 64, (byte) 0x7f);

        Response response = Api.postAudio(ALICE, "broken.wav", broken, "audio/wav");

        assertEquals(400, response.statusCode(), response::asString);
        assertEquals("BadRequestError", Api.json(response).get("kind").asText());
        assertTrue(Api.json(response).get("description").asText().startsWith("invalid audio"), response::asString);
    }

    @Test
    void audioOverSixMegabytesIsAnInvalidFileSize() {
        byte[] big = Arrays.copyOf(Samples.sineWav(16_000, 1, 16, 1, 300), 6 * 1024 * 1024 + 1);

        Response response = Api.postAudio(ALICE, "long.wav", big, "audio/wav");

        assertEquals(400, response.statusCode(), response::asString);
        assertEquals("InvalidFileSizeError", Api.json(response).get("kind").asText());
        assertTrue(Api.json(response).get("description").asText().contains("6 MB"), response::asString);
    }

    @Test
    void audioOverTenMinutesIsAnInvalidDuration() {
        // 8 kHz 8-bit mono keeps 10 min 5 s under the 6 MB upload limit (4.8 MB).
        byte[] wav = Samples.sineWav(8_000, 1, 8, 605, 300);
        assertTrue(wav.length < 6 * 1024 * 1024);

        Response response = Api.postAudio(ALICE, "long.wav", wav, "audio/wav");

        assertEquals(400, response.statusCode(), response::asString);
        assertEquals("InvalidAudioDurationError", Api.json(response).get("kind").asText());
    }

    @Test
    void audioOfNineAndAHalfMinutesIsAccepted() {
        byte[] wav = Samples.sineWav(8_000, 1, 8, 570, 300);

        Response response = Api.postAudio(ALICE, "long.wav", wav, "audio/wav");

        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(570, Api.json(response).get("duration").asDouble(), 0.05);
    }

    @Test
    void missingAudioFieldIsAValidationError() {
        Response response = given().header("Authorization", ALICE)
                .multiPart("file", "a.wav", Samples.sineWav(16_000, 1, 16, 0.2, 300), "audio/wav")
                .when().post("/audios");

        assertEquals(400, response.statusCode(), response::asString);
        assertEquals("ValidationError", Api.json(response).get("kind").asText());
        assertTrue(Api.json(response).get("details").has("body.audio"), response::asString);
    }

    private static void assertUnsupported(Response response, String received) {
        assertEquals(415, response.statusCode(), response::asString);
        JsonNode error = Api.json(response);
        assertEquals("UnsupportedMimeTypeError", error.get("kind").asText());
        assertEquals(received, error.get("details").get("received").asText(), error::toString);
        assertEquals(Api.json("[\"audio/*\", \"video/*\"]"), error.get("details").get("supported"));
    }

    /** The store key of an upload's {@code s3://bucket/key} URL. */
    private static String key(JsonNode uploaded) {
        return URI.create(uploaded.get("url").asText()).getPath().substring(1);
    }
}
