package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.TalkIds;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/** POST /images and DELETE /images/{id} against the real object store. */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class ImagesApiTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Inject
    ObjectStore store;

    @Test
    void pngUploadIsStoredUnderTheOwnerAndAnsweredWithItsS3Url() throws IOException {
        Path photo = Samples.photo("astronaut.png");

        JsonPath created = upload(photo, "image/png");

        String id = created.getString("id");
        assertTrue(id.matches("img_[A-Za-z0-9_-]{21}"), id);
        assertEquals("s3://opentalks/uploads/alice/" + id + "/astronaut.png", created.getString("url"));
        assertArrayEquals(Files.readAllBytes(photo), store.get("uploads/alice/" + id + "/astronaut.png"));
    }

    @Test
    void jpegUploadIsStoredWithTheSameBytes() throws IOException {
        Path photo = Samples.photo("grace_hopper.jpg");

        JsonPath created = upload(photo, "image/jpeg");

        String key = "uploads/alice/" + created.getString("id") + "/grace_hopper.jpg";
        assertEquals("s3://opentalks/" + key, created.getString("url"));
        assertArrayEquals(Files.readAllBytes(photo), store.get(key));
    }

    @Test
    void theBytesDecideTheTypeNotTheOfferedName() throws IOException {
        Path photo = Samples.photo("astronaut.png");

        JsonPath created = given().header("Authorization", ALICE)
                .multiPart("image", "portrait.jpeg", Files.readAllBytes(photo), "image/jpeg")
                .when().post("/images")
                .then().statusCode(201).extract().jsonPath();

        assertTrue(created.getString("url").endsWith("/portrait.png"), created.getString("url"));
    }

    @Test
    void anImageSentAsTheWholeBodyIsSniffedFromItsBytes() throws IOException {
        byte[] png = Files.readAllBytes(Samples.photo("astronaut.png"));
        for (String declared : List.of("application/octet-stream", "image/png", "image/jpeg", "image/x-anything")) {
            JsonPath created = given().header("Authorization", ALICE).contentType(declared)
                    .header("Content-Disposition", "attachment; filename=\"my portrait.png\"").body(png)
                    .when().post("/images")
                    .then().statusCode(201).extract().jsonPath();
            String url = created.getString("url");
            assertTrue(url.endsWith("/" + created.getString("id") + "/my_portrait.png"), url);
            assertArrayEquals(png, store.get(url.substring("s3://opentalks/".length())));
        }
        JsonPath unnamed = given().header("Authorization", ALICE).contentType("application/octet-stream")
                .body(Files.readAllBytes(Samples.photo("grace_hopper.jpg")))
                .when().post("/images").then().statusCode(201).extract().jsonPath();
        assertTrue(unnamed.getString("url").endsWith("/image.jpg"), unnamed.getString("url"));
    }

    @Test
    void aMultipartPartDeclaredAsOctetStreamIsSniffedToo() throws IOException {
        JsonPath created = given().header("Authorization", ALICE)
                .multiPart("image", "face.png", Files.readAllBytes(Samples.photo("astronaut.png")),
                        "application/octet-stream")
                .when().post("/images").then().statusCode(201).extract().jsonPath();

        assertTrue(created.getString("url").endsWith("/face.png"), created.getString("url"));
    }

    @Test
    void decompressionBombsAreRefusedAtUploadWithTheFetchersLimits() {
        Map<String, byte[]> bombs = Map.of(
                "png 50000x50000", Samples.pngDeclaring(50_000, 50_000),
                "png 9000x10 (a side over 8000)", Samples.pngDeclaring(9_000, 10),
                "jpeg 60000x60000", Samples.jpegDeclaring(60_000, 60_000));
        bombs.forEach((what, bytes) -> {
            for (boolean multipart : new boolean[] {true, false}) {
                Response response = multipart
                        ? given().header("Authorization", ALICE).multiPart("image", "bomb", bytes, "image/png")
                                .when().post("/images")
                        : given().header("Authorization", ALICE).contentType("image/png").body(bytes)
                                .when().post("/images");
                assertEquals(400, response.statusCode(), () -> what + ": " + response.asString());
                JsonNode error = Api.json(response);
                assertEquals("InvalidImageResolutionError", error.get("kind").asText(), () -> what + ": " + error);
                assertTrue(error.get("description").asText().contains("pixels"), error::toString);
            }
        });
        Response small = given().header("Authorization", ALICE).contentType("image/png")
                .body(Samples.pngDeclaring(64, 64)).when().post("/images");
        assertEquals(201, small.statusCode(), "the same construction within the limits is an image: " + small.asString());
    }

    @Test
    void truncatedOrDamagedImagesAreRefusedAtUpload() throws IOException {
        byte[] png = Files.readAllBytes(Samples.photo("astronaut.png"));
        byte[] damaged = png.clone();
        for (int i = 200; i < damaged.length; i += 7) {
            damaged[i] ^= 0x5a;
        }
        Map<String, byte[]> bad = Map.of(
                "png cut in half", Arrays.copyOf(png, png.length / 2),
                "png cut after its header", Arrays.copyOf(png, 40),
                "png with its data scrambled", damaged,
                "png signature then nothing", Arrays.copyOf(png, 8));
        bad.forEach((what, bytes) -> {
            Response response = given().header("Authorization", ALICE)
                    .multiPart("image", "face.png", bytes, "image/png").when().post("/images");
            assertEquals(400, response.statusCode(), () -> what + ": " + response.asString());
            assertEquals("BadRequestError", Api.json(response).get("kind").asText(), () -> what);
            assertTrue(Api.json(response).get("description").asText().startsWith("invalid image"), () -> what);
        });
    }

    @Test
    void textIsRefusedAsUnsupportedMimeType() {
        given().header("Authorization", ALICE)
                .multiPart("image", "notes.txt", "not a picture".getBytes(StandardCharsets.UTF_8), "text/plain")
                .when().post("/images")
                .then().statusCode(415)
                .body("kind", equalTo("UnsupportedMimeTypeError"))
                .body("details.received", equalTo("text/plain"))
                .body("details.supported", equalTo(List.of("image/jpeg", "image/png")));
    }

    @Test
    void textNamedAsPngIsStillRefused() {
        given().header("Authorization", ALICE)
                .multiPart("image", "fake.png", "not a picture".getBytes(StandardCharsets.UTF_8), "image/png")
                .when().post("/images")
                .then().statusCode(415)
                .body("kind", equalTo("UnsupportedMimeTypeError"))
                .body("details.received", equalTo("image/png"));
    }

    @Test
    void imageOverTenMegabytesIsRefusedAsInvalidFileSize(@TempDir Path dir) throws IOException {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PNG_SIGNATURE, 0, big, 0, PNG_SIGNATURE.length);
        Path file = Files.write(dir.resolve("huge.png"), big);

        given().header("Authorization", ALICE)
                .multiPart("image", file.toFile(), "image/png")
                .when().post("/images")
                .then().statusCode(400)
                .body("kind", equalTo("InvalidFileSizeError"))
                .body("description", containsString("10 MB"));
    }

    @Test
    void missingImageFieldIsAValidationError() {
        given().header("Authorization", ALICE)
                .multiPart("photo", Samples.photo("astronaut.png").toFile(), "image/png")
                .when().post("/images")
                .then().statusCode(400)
                .body("kind", equalTo("ValidationError"))
                .body("details", hasKey("body.image"));
    }

    @Test
    void uploadWithoutKeyIsUnauthorized() {
        given().multiPart("image", Samples.photo("astronaut.png").toFile(), "image/png")
                .when().post("/images")
                .then().statusCode(401)
                .body("kind", equalTo("AuthorizationError"));
    }

    @Test
    void deleteRemovesTheImageOnceAndOnlyForItsOwner() {
        JsonPath created = upload(Samples.photo("astronaut.png"), "image/png");
        String id = created.getString("id");
        String key = "uploads/alice/" + id + "/astronaut.png";

        given().header("Authorization", BOB)
                .when().delete("/images/" + id)
                .then().statusCode(404)
                .body("kind", equalTo("NotFoundError"));
        assertTrue(store.exists(key), "another owner's delete removes nothing");

        given().header("Authorization", ALICE)
                .when().delete("/images/" + id)
                .then().statusCode(204);
        assertEquals(List.of(), store.list("uploads/alice/" + id + "/"));

        given().header("Authorization", ALICE)
                .when().delete("/images/" + id)
                .then().statusCode(404)
                .body("kind", equalTo("NotFoundError"));
    }

    @Test
    void deleteOfAnUnknownOrMalformedIdIsNotFound() {
        for (String id : new String[] {TalkIds.imageId(), "img_nope", TalkIds.talkId(), TalkIds.audioId()}) {
            given().header("Authorization", ALICE)
                    .when().delete("/images/" + id)
                    .then().statusCode(404)
                    .body("kind", equalTo("NotFoundError"));
        }
    }

    private static JsonPath upload(Path photo, String type) {
        return given().header("Authorization", ALICE)
                .multiPart("image", photo.toFile(), type)
                .when().post("/images")
                .then().statusCode(201).extract().jsonPath();
    }
}
