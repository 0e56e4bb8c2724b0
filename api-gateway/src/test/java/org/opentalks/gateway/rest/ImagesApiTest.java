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

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.service.testing.LocalInfraTestResource;

/** POST /images and DELETE /images/{id} against the real object store. */
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
