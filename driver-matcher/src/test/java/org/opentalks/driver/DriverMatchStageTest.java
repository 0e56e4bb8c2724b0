package org.opentalks.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.service.kafka.EventDeserializers;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.service.testing.StageTestSupport;
import org.opentalks.service.testing.TalkTopics;

/**
 * driver-matcher on the real broker, store and face models: a {@code talks.speech-ready} event whose
 * source is a client's upload becomes {@code source.png}, {@code face.json}, {@code driver.json} and
 * {@code talks.driver-matched}, or {@code talks.failed} when the photo cannot be used.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class DriverMatchStageTest extends StageTestSupport {
    private static final String STAGE = "driver-matcher";
    private static final double FPS = 25;

    @Test
    void portraitGetsLandmarksCropAndDriver() throws IOException {
        SpeechReady speech = speechReady(upload(OWNER, "astronaut.png"), 2.3);
        String id = speech.talkId();
        topics.send(Topics.SPEECH_READY, speech);

        ConsumerRecord<String, DriverMatched> record = driverMatched(id, 1).get(0);
        DriverMatched matched = record.value();
        assertEquals(speech, matched.speech(), "the speech event travels on unchanged");
        assertEquals(ObjectKeys.work(id, ObjectKeys.SOURCE_IMAGE), matched.sourceKey());
        assertEquals(ObjectKeys.work(id, ObjectKeys.FACE_JSON), matched.faceKey());
        assertEquals(ObjectKeys.work(id, ObjectKeys.DRIVER_JSON), matched.driverKey());
        assertTrue(matched.driverUrl().matches("bank://lively/driver-0[1-6]/(original|flipped)"),
                "the default family, driver and variant auto-matched: " + matched.driverUrl());
        assertEquals("org.opentalks.talk.driver-matched", TalkTopics.header(record, "ce_type"));
        assertEquals(STAGE, TalkTopics.header(record, "ce_source"));

        BufferedImage source = png(store.get(matched.sourceKey()));
        assertEquals(512, source.getWidth());
        assertEquals(512, source.getHeight());

        FaceDocument face = store.getJson(matched.faceKey(), FaceDocument.class);
        assertEquals(512, face.imageWidth());
        assertEquals(512, face.imageHeight());
        assertEquals(1, face.numFaces());
        assertTrue(face.score() >= 0.75 && face.score() <= 1, "detector score " + face.score());
        assertEquals(FaceDocument.LANDMARK_COUNT, face.landmarks().size());
        for (Point p : face.landmarks()) {
            assertTrue(p.x() >= 0 && p.x() < face.imageWidth() && p.y() >= 0 && p.y() < face.imageHeight(),
                    "landmark " + p + " lies inside the image");
            assertTrue(inside(p, face.crop()), "landmark " + p + " lies inside the crop " + face.crop());
        }
        assertTrue(inside(new Point(face.box().centerX(), face.box().centerY()), face.crop()), "the face is cropped");
        assertEquals(face.crop().width(), face.crop().height(), 1e-9, "the crop is square");
        assertTrue(face.crop().width() > face.box().width(), "the crop shows more than the face box");
        // iBUG order: eyes (36-47) above the nose tip (30) above the mouth (48-67), chin (8) lowest.
        double eyes = meanY(face.landmarks().subList(36, 48));
        double mouth = meanY(face.landmarks().subList(48, 68));
        assertTrue(eyes < face.landmarks().get(30).y() && face.landmarks().get(30).y() < mouth
                && mouth < face.landmarks().get(8).y(), "eyes, nose, mouth, chin from top to bottom");

        DriverTrack driver = store.getJson(matched.driverKey(), DriverTrack.class);
        assertEquals(matched.driverUrl(), driver.driverUrl());
        assertEquals(FPS, driver.fps(), 1e-9);
        assertEquals((int) Math.ceil(speech.durationSeconds() * FPS), driver.poses().size(), "one pose per frame");
        for (double blink : driver.blinkStarts()) {
            assertTrue(blink >= 0 && blink < speech.durationSeconds(), "blink at " + blink);
        }

        assertStartedThenFinished(id, STAGE);
    }

    @Test
    void catPhotoFailsWithFaceError() {
        SpeechReady speech = speechReady(upload(OWNER, "chelsea.png"), 1.5);
        topics.send(Topics.SPEECH_READY, speech);

        TalkFailed failed = failed(speech.talkId());
        assertEquals(ErrorKind.FaceError, failed.kind());
        assertEquals(OWNER, failed.owner());
        assertEquals(STAGE, failed.stage());
        assertTrue(failed.description().contains("face"), failed.description());
        assertEquals(List.of(ObjectKeys.work(speech.talkId(), ObjectKeys.VISEMES_JSON)),
                store.list(ObjectKeys.workPrefix(speech.talkId())), "nothing but the speech's own output is stored");
    }

    @Test
    void missingUploadFailsWithSourceError() {
        String missing = store.s3Url(ObjectKeys.upload(OWNER, TalkIds.imageId(), "astronaut.png"));
        SpeechReady speech = speechReady(missing, 1.5);
        topics.send(Topics.SPEECH_READY, speech);

        TalkFailed failed = failed(speech.talkId());
        assertEquals(ErrorKind.SourceError, failed.kind());
        assertEquals(STAGE, failed.stage());
        assertTrue(failed.description().contains(missing), failed.description());
        assertEquals(List.of(ObjectKeys.work(speech.talkId(), ObjectKeys.VISEMES_JSON)),
                store.list(ObjectKeys.workPrefix(speech.talkId())), "nothing but the speech's own output is stored");
    }

    @Test
    void anotherOwnersUploadIsNotFound() {
        SpeechReady speech = speechReady(upload("someone-else", "astronaut.png"), 1.5);
        topics.send(Topics.SPEECH_READY, speech);

        TalkFailed failed = failed(speech.talkId());
        assertEquals(ErrorKind.SourceError, failed.kind());
        assertTrue(failed.description().contains("not found"), failed.description());
    }

    @Test
    void redeliveredEventIsAnsweredFromTheStoredFace() throws IOException {
        String sourceUrl = upload(OWNER, "grace_hopper.jpg");
        SpeechReady speech = speechReady(sourceUrl, 1.2);
        String id = speech.talkId();
        topics.send(Topics.SPEECH_READY, speech);
        DriverMatched first = driverMatched(id, 1).get(0).value();

        BufferedImage source = png(store.get(first.sourceKey()));
        assertEquals(512, source.getWidth(), "the JPEG is stored as a PNG of the same size");
        assertEquals(600, source.getHeight());
        byte[] sourcePng = store.get(first.sourceKey());
        byte[] faceJson = store.get(first.faceKey());
        byte[] driverJson = store.get(first.driverKey());

        // Without its upload the talk could not be matched again: only the stored outputs can answer.
        store.delete(sourceUrl.substring(("s3://" + store.bucket() + "/").length()));
        topics.send(Topics.SPEECH_READY, speech);
        List<ConsumerRecord<String, DriverMatched>> both = driverMatched(id, 2);
        assertEquals(first, both.get(1).value(), "the redelivery re-emits the same event");
        assertArrayEquals(sourcePng, store.get(first.sourceKey()));
        assertArrayEquals(faceJson, store.get(first.faceKey()));
        assertArrayEquals(driverJson, store.get(first.driverKey()));
        assertEquals(List.of(StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED,
                        StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED),
                topics.progress(id, 4).stream().map(StageProgress::phase).toList());
    }

    @Test
    void driverUrlPicksTheBankDriverAndVariant() {
        SpeechReady speech = speechReady(upload(OWNER, "astronaut.png"), 3.2, "bank://subtle/driver-02/flipped",
                TalkSpec.TalkConfig.DEFAULT);
        topics.send(Topics.SPEECH_READY, speech);

        DriverMatched matched = driverMatched(speech.talkId(), 1).get(0).value();
        assertEquals("bank://subtle/driver-02/flipped", matched.driverUrl());
        DriverTrack driver = store.getJson(matched.driverKey(), DriverTrack.class);
        assertEquals(matched.driverUrl(), driver.driverUrl());
        assertEquals(driver.poses().size(), driver.brows().size(), "brow motion for every frame");
        double most = driver.poses().stream().mapToDouble(p -> Math.abs(p.yaw())).max().orElseThrow();
        assertTrue(most > 0 && most < 2, "subtle head motion stays within a couple of degrees: " + most);
    }

    @Test
    void familyOnlyIsCompletedByAutoMatch() {
        SpeechReady speech = speechReady(upload(OWNER, "grace_hopper.jpg"), 2.0, "bank://natural/",
                TalkSpec.TalkConfig.DEFAULT);
        topics.send(Topics.SPEECH_READY, speech);
        assertTrue(driverMatched(speech.talkId(), 1).get(0).value().driverUrl()
                .matches("bank://natural/driver-0[1-4]/(original|flipped)"));
    }

    @Test
    void unknownBankFailsWithDriverError() {
        SpeechReady speech = speechReady(upload(OWNER, "astronaut.png"), 1.5, "bank://wobbly",
                TalkSpec.TalkConfig.DEFAULT);
        topics.send(Topics.SPEECH_READY, speech);

        TalkFailed failed = failed(speech.talkId());
        assertEquals(ErrorKind.DriverError, failed.kind());
        assertTrue(failed.description().contains("wobbly"), failed.description());
        assertEquals(List.of(ObjectKeys.work(speech.talkId(), ObjectKeys.VISEMES_JSON)),
                store.list(ObjectKeys.workPrefix(speech.talkId())), "nothing but the speech's own output is stored");
    }

    @Test
    void alignExpandFactorWidensTheCrop() {
        String source = upload(OWNER, "astronaut.png");
        TalkSpec.TalkConfig d = TalkSpec.TalkConfig.DEFAULT;
        TalkSpec.TalkConfig wide = new TalkSpec.TalkConfig(d.stitch(), d.resultFormat(), d.fluent(), d.padAudio(),
                d.logo(), d.driverExpressions(), d.alignDriver(), 0.6, d.autoMatch(), d.motionFactor(),
                d.normalizationFactor(), d.sharpen());
        SpeechReady normal = speechReady(source, 1.0, null, d);
        SpeechReady widened = speechReady(source, 1.0, null, wide);
        topics.send(Topics.SPEECH_READY, normal);
        topics.send(Topics.SPEECH_READY, widened);
        Box a = store.getJson(driverMatched(normal.talkId(), 1).get(0).value().faceKey(), FaceDocument.class).crop();
        Box b = store.getJson(driverMatched(widened.talkId(), 1).get(0).value().faceKey(), FaceDocument.class).crop();
        // The crop side is proportional to 1 + 2 × align_expand_factor: (1 + 1.2) / (1 + 0.6).
        assertEquals(2.2 / 1.6, b.width() / a.width(), 1e-6);
        assertEquals(a.x() + a.width() / 2, b.x() + b.width() / 2, 1e-6, "same centre");
    }

    /** Puts a sample photo where the gateway puts a client's upload; returns its {@code s3://} URL. */
    private String upload(String owner, String sample) {
        Path file = Path.of(System.getProperty("opentalks.root"), ".opentalks", "samples", sample);
        assertTrue(Files.isRegularFile(file), file + " is missing: run ./opentalks setup");
        String key = ObjectKeys.upload(owner, TalkIds.imageId(), sample);
        store.putFile(key, file, sample.endsWith(".png") ? "image/png" : "image/jpeg");
        return store.s3Url(key);
    }

    private SpeechReady speechReady(String sourceUrl, double seconds) {
        return speechReady(sourceUrl, seconds, null, TalkSpec.TalkConfig.DEFAULT);
    }

    /**
     * What tts-service sends for a talk of that source, speech lasting {@code seconds}, and the
     * {@code visemes.json} it stores first: two phrases with a pause between them.
     */
    private SpeechReady speechReady(String sourceUrl, double seconds, String driverUrl, TalkSpec.TalkConfig config) {
        String id = TalkIds.talkId();
        TalkSpec spec = new TalkSpec(sourceUrl, driverUrl, TalkSpec.Script.text("Hello there.", null, false), config,
                null, null, null, null, null, false);
        double half = seconds / 2;
        store.putJson(ObjectKeys.work(id, ObjectKeys.VISEMES_JSON), new VisemeTrack(seconds, 22050, "espeak-ng:en-us",
                List.of(new VisemeSegment(Viseme.AA, 0, half - 0.2, "a"),
                        new VisemeSegment(Viseme.REST, half - 0.2, half + 0.2, "_"),
                        new VisemeSegment(Viseme.EH, half + 0.2, seconds, "e"))));
        return new SpeechReady(id, OWNER, spec, ObjectKeys.work(id, ObjectKeys.SPEECH_WAV),
                ObjectKeys.work(id, ObjectKeys.VISEMES_JSON), seconds, "espeak-ng:en-us");
    }

    private List<ConsumerRecord<String, DriverMatched>> driverMatched(String talkId, int count) {
        return topics.await(Topics.DRIVER_MATCHED, new EventDeserializers.Matched(), talkId, count);
    }

    private TalkFailed failed(String talkId) {
        TalkFailed failed = topics.await(Topics.FAILED, new EventDeserializers.Failed(), talkId, 1).get(0).value();
        assertEquals(talkId, failed.talkId());
        assertNotNull(failed.description());
        return failed;
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "source.png decodes");
        return image;
    }

    private static boolean inside(Point p, Box box) {
        return p.x() >= box.x() && p.x() <= box.x() + box.width()
                && p.y() >= box.y() && p.y() <= box.y() + box.height();
    }

    private static double meanY(List<Point> points) {
        return points.stream().mapToDouble(Point::y).average().orElseThrow();
    }
}
