package org.opentalks.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.Rendered;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.drivers.DriverBank;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.SourcePose;
import org.opentalks.media.MediaProbe;
import org.opentalks.media.ProbeResult;
import org.opentalks.media.VideoFrames;
import org.opentalks.reenact.CropExtractor;
import org.opentalks.service.kafka.EventDeserializers;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.service.testing.StageTestSupport;
import org.opentalks.service.testing.TalkTopics;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.Speech;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.WavFile;
import org.opentalks.vision.FaceAnalyzer;

/**
 * render-worker on the real broker and store: given what tts-service and driver-matcher store for a
 * talk (made here with the same libraries), {@code talks.driver-matched} becomes {@code frames.mp4}
 * and {@code talks.rendered}.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class RenderStageTest extends StageTestSupport {
    private static final String STAGE = "render-worker";
    private static final int SIZE = 512;
    private static final double FPS = 25;
    private static final Path LANDMARK_MODEL = Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");

    /** astronaut.png as driver-matcher stores it (8-bit BGR PNG), and the face it finds there. */
    private static byte[] sourcePng;
    private static BufferedImage source;
    private static FaceDocument face;

    @TempDir
    Path temp;

    @BeforeAll
    static void analyzePortrait() throws IOException {
        Path root = Path.of(System.getProperty("opentalks.root"));
        Path photo = root.resolve(".opentalks/samples/astronaut.png");
        Path blazeFace = root.resolve(".opentalks/models/blazeface");
        for (Path needed : List.of(photo, blazeFace, LANDMARK_MODEL)) {
            assertTrue(Files.exists(needed), needed + " is missing: run ./opentalks setup");
        }
        BufferedImage decoded = ImageIO.read(photo.toFile());
        source = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        source.getGraphics().drawImage(decoded, 0, 0, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(source, "png", png);
        sourcePng = png.toByteArray();
        try (FaceAnalyzer analyzer = FaceAnalyzer.load(blazeFace, LANDMARK_MODEL)) {
            face = analyzer.analyze(source).orElseThrow(() -> new AssertionError("no face found in " + photo));
        }
    }

    @Test
    void talkIsRenderedAsA512SquareVideoAt25Fps() throws IOException {
        DriverMatched matched = storeInputs("Hello there! How are you today?");
        String id = matched.talkId();
        topics.send(Topics.DRIVER_MATCHED, matched);

        ConsumerRecord<String, Rendered> record = rendered(id, 1).get(0);
        Rendered rendered = record.value();
        int expectedFrames = (int) Math.ceil(matched.speech().durationSeconds() * FPS - 1e-9);
        assertEquals(matched, rendered.matched(), "the upstream event travels on unchanged");
        assertEquals(ObjectKeys.work(id, ObjectKeys.FRAMES_MP4), rendered.framesKey());
        assertEquals(expectedFrames, rendered.numFrames(), "frames cover the speech");
        assertEquals(FPS, rendered.fps(), 1e-9);
        assertEquals(SIZE, rendered.width());
        assertEquals(SIZE, rendered.height());
        assertTrue(rendered.renderSeconds() > 0, "render time " + rendered.renderSeconds());
        assertEquals("org.opentalks.talk.rendered", TalkTopics.header(record, "ce_type"));
        assertEquals(STAGE, TalkTopics.header(record, "ce_source"));

        Path frames = temp.resolve("frames.mp4");
        Files.write(frames, store.get(rendered.framesKey()));
        ProbeResult probe = MediaProbe.probeCountingFrames(frames);
        ProbeResult.Stream video = probe.video();
        assertEquals("h264", video.codecName());
        assertEquals(SIZE, video.width());
        assertEquals(SIZE, video.height());
        assertEquals(FPS, video.frameRate(), 0.01);
        assertEquals(expectedFrames, video.frames());
        assertFalse(probe.hasAudio(), "frames.mp4 has no audio: " + probe.streams());

        // The video is the photo's face crop, animated: it starts close to the crop and then moves.
        byte[] crop = CropExtractor.extract(source, face.crop(), SIZE);
        List<byte[]> decoded = new ArrayList<>();
        VideoFrames.forEach(frames, (i, w, h, bgr) -> decoded.add(bgr.clone()));
        assertEquals(expectedFrames, decoded.size());
        double fromCrop = meanAbsDiff(decoded.get(0), crop);
        double motion = decoded.stream().mapToDouble(f -> meanAbsDiff(f, decoded.get(0))).max().orElseThrow();
        System.out.printf("render: frame 0 differs from the crop by %.2f; frames differ from frame 0 by up to %.2f%n",
                fromCrop, motion);
        assertTrue(fromCrop < 12, "the first frame shows the face crop (mean difference " + fromCrop + ")");
        assertTrue(motion > 0.5, "the face moves (largest mean difference from frame 0: " + motion + ")");

        List<StageProgress> progress = assertStartedThenFinished(id, STAGE);
        assertTrue(progress.get(1).millis() >= rendered.renderSeconds() * 1000 - 1, "FINISHED spans the render");
    }

    @Test
    void redeliveredEventIsAnsweredFromTheStoredVideo() {
        DriverMatched matched = storeInputs("Again.");
        String id = matched.talkId();
        topics.send(Topics.DRIVER_MATCHED, matched);
        Rendered first = rendered(id, 1).get(0).value();
        byte[] frames = store.get(first.framesKey());

        // Without its source image the talk could not be rendered again: only the stored video can answer.
        store.delete(matched.sourceKey());
        topics.send(Topics.DRIVER_MATCHED, matched);
        Rendered again = rendered(id, 2).get(1).value();
        assertEquals(first.matched(), again.matched());
        assertEquals(first.framesKey(), again.framesKey());
        assertEquals(first.numFrames(), again.numFrames());
        assertEquals(first.fps(), again.fps(), 1e-9);
        assertEquals(first.width(), again.width());
        assertEquals(first.height(), again.height());
        assertArrayEquals(frames, store.get(first.framesKey()), "frames.mp4 was not rendered again");
        assertEquals(List.of(StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED,
                        StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED),
                topics.progress(id, 4).stream().map(StageProgress::phase).toList());
    }

    @Test
    void eventWithoutItsArtifactsGoesToTheDeadLetterTopic() {
        DriverMatched matched = storeInputs("Nothing to see.");
        String id = matched.talkId();
        store.delete(matched.faceKey());
        topics.send(Topics.DRIVER_MATCHED, matched);

        ConsumerRecord<String, DriverMatched> dead =
                topics.await(Topics.DEAD_LETTER, new EventDeserializers.Matched(), id, 1).get(0);
        assertEquals(matched, dead.value(), "the dead letter carries the event, so the notifier can end the talk");
        assertNotNull(TalkTopics.header(dead, "dead-letter-reason"), "the dead letter says why");
        assertFalse(store.exists(ObjectKeys.work(id, ObjectKeys.FRAMES_MP4)), "no video is stored");
        assertEquals(StageProgress.Phase.STARTED, topics.progress(id, 1).get(0).phase());
    }

    /** Stores what tts-service and driver-matcher store for a talk speaking {@code text}; returns their event. */
    private DriverMatched storeInputs(String text) {
        String id = TalkIds.talkId();
        Speech speech;
        try (EspeakSynthesizer espeak = new EspeakSynthesizer()) {
            speech = espeak.synthesize(text, "en-us");
        }
        VisemeTrack visemes = new VisemeMapper().track(speech);
        String speechKey = ObjectKeys.work(id, ObjectKeys.SPEECH_WAV);
        String visemesKey = ObjectKeys.work(id, ObjectKeys.VISEMES_JSON);
        store.put(speechKey, WavFile.encode(speech.samples(), speech.sampleRate()), "audio/wav");
        store.putJson(visemesKey, visemes);
        TalkSpec spec = TalkSpec.of(store.s3Url(ObjectKeys.upload(OWNER, TalkIds.imageId(), "astronaut.png")),
                TalkSpec.Script.text(text, null, false), TalkSpec.TalkConfig.DEFAULT);
        SpeechReady ready = new SpeechReady(id, OWNER, spec, speechKey, visemesKey, visemes.durationSeconds(),
                visemes.voice());

        String sourceKey = ObjectKeys.work(id, ObjectKeys.SOURCE_IMAGE);
        String faceKey = ObjectKeys.work(id, ObjectKeys.FACE_JSON);
        String driverKey = ObjectKeys.work(id, ObjectKeys.DRIVER_JSON);
        DriverTrack driver = DriverBank.load().track(DriverRef.DEFAULT, true, SourcePose.FRONTAL, visemes,
                visemes.durationSeconds(), FPS, id.hashCode());
        store.put(sourceKey, sourcePng, "image/png");
        store.putJson(faceKey, face);
        store.putJson(driverKey, driver);
        return new DriverMatched(ready, sourceKey, faceKey, driverKey, driver.driverUrl());
    }

    private List<ConsumerRecord<String, Rendered>> rendered(String talkId, int count) {
        return topics.await(Topics.RENDERED, new EventDeserializers.RenderedEvent(), talkId, count);
    }

    private static double meanAbsDiff(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }
}
