package org.opentalks.muxer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.Rendered;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.media.FrameVideoWriter;
import org.opentalks.media.MediaProbe;
import org.opentalks.media.ProbeResult;
import org.opentalks.media.VideoFrames;
import org.opentalks.service.kafka.EventDeserializers;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.service.testing.StageTestSupport;
import org.opentalks.service.testing.TalkTopics;
import org.opentalks.speech.WavFile;

/**
 * muxer on the real broker and store: given a rendered frames video and the speech (written here with
 * the media and speech libraries), {@code talks.rendered} becomes {@code results/{owner}/{id}.mp4} and
 * {@code talks.completed}.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class MuxStageTest extends StageTestSupport {
    private static final String STAGE = "muxer";
    private static final int SIZE = 512;
    private static final double FPS = 25;
    private static final int FRAMES = 30;
    private static final int SAMPLE_RATE = 22050;
    /** Shorter than the 1.2 s of frames: the muxer pads the audio to the video. */
    private static final double SPEECH_SECONDS = 1.13;
    /** The rendered face: one flat colour (BGR), easy to find again in the result. */
    private static final byte[] FACE_BGR = {(byte) 40, (byte) 170, (byte) 230};
    /** Where the frames were cut from in grace_hopper.jpg (512x600). */
    private static final Box CROP = new Box(106, 120, 300, 300);

    @TempDir
    Path temp;

    @Test
    void framesAndSpeechBecomeTheResultVideo() throws IOException {
        Rendered rendered = storeInputs(false);
        String id = rendered.talkId();
        topics.send(Topics.RENDERED, rendered);

        ConsumerRecord<String, TalkCompleted> record = completed(id, 1).get(0);
        TalkCompleted done = record.value();
        assertEquals(ObjectKeys.result(OWNER, id, "mp4"), done.resultKey());
        assertEquals(List.of(SIZE, SIZE), done.metadata().resolution());
        assertEquals("org.opentalks.talk.completed", TalkTopics.header(record, "ce_type"));
        assertEquals(STAGE, TalkTopics.header(record, "ce_source"));
        Path result = assertResult(rendered, done);

        ProbeResult.Stream video = MediaProbe.probe(result).video();
        assertEquals(SIZE, video.width());
        assertEquals(SIZE, video.height());

        assertStartedThenFinished(id, STAGE);
    }

    @Test
    void stitchPutsTheFaceBackIntoThePhoto() throws IOException {
        Rendered rendered = storeInputs(true);
        topics.send(Topics.RENDERED, rendered);

        TalkCompleted done = completed(rendered.talkId(), 1).get(0).value();
        BufferedImage photo = photo();
        assertEquals(List.of(photo.getWidth(), photo.getHeight()), done.metadata().resolution());
        Path result = assertResult(rendered, done);

        ProbeResult.Stream video = MediaProbe.probe(result).video();
        assertEquals(photo.getWidth(), video.width(), "the result has the photo's size");
        assertEquals(photo.getHeight(), video.height());
        byte[] frame = VideoFrames.readAll(result).get(FRAMES / 2);
        byte[] photoBgr = ((DataBufferByte) photo.getRaster().getDataBuffer()).getData();
        int width = photo.getWidth();
        // Far from the crop the photo shows; at the crop's centre, the rendered face.
        double corner = meanAbsDiff(frame, photoBgr, width, 0, 0, 60, 60);
        double centre = meanAbsDiffFromColour(frame, width,
                (int) CROP.centerX() - 30, (int) CROP.centerY() - 30, 60, 60, FACE_BGR);
        System.out.printf("stitch: corner differs from the photo by %.2f, crop centre from the face by %.2f%n",
                corner, centre);
        assertTrue(corner < 8, "the photo around the face is kept (mean difference " + corner + ")");
        assertTrue(centre < 8, "the animated face is composited at the crop (mean difference " + centre + ")");
    }

    @Test
    void gifResultLoopsTheFramesWithoutSound() throws IOException {
        Rendered rendered = storeInputs(TalkSpec.TalkConfig.DEFAULT.withResultFormat("gif"));
        topics.send(Topics.RENDERED, rendered);

        TalkCompleted done = completed(rendered.talkId(), 1).get(0).value();
        assertEquals(ObjectKeys.result(OWNER, rendered.talkId(), "gif"), done.resultKey());
        Path result = temp.resolve("result.gif");
        store.download(done.resultKey(), result);
        ProbeResult probe = MediaProbe.probe(result);
        assertEquals("gif", probe.video().codecName());
        assertFalse(probe.hasAudio(), "a GIF has no sound");
        assertEquals(FRAMES, VideoFrames.readAll(result).size());
    }

    @Test
    void logoFromAnUploadIsDrawnOnEveryFrame() throws IOException {
        String logoKey = ObjectKeys.upload(OWNER, TalkIds.imageId(), "logo.png");
        BufferedImage red = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = red.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 40, 20);
        g.dispose();
        store.put(logoKey, png(red), "image/png");
        Rendered rendered = storeInputs(new TalkSpec.TalkConfig(false, "mov", false, 0,
                new TalkSpec.Logo(store.s3Url(logoKey), List.of(-10, -10)), null, true, 0.3, true, 1, 1, true));
        topics.send(Topics.RENDERED, rendered);

        TalkCompleted done = completed(rendered.talkId(), 1).get(0).value();
        assertEquals(ObjectKeys.result(OWNER, rendered.talkId(), "mov"), done.resultKey());
        Path result = temp.resolve("result.mov");
        store.download(done.resultKey(), result);
        byte[] frame = VideoFrames.readAll(result).get(FRAMES / 2);
        byte[] redBgr = {0, 0, (byte) 255};
        double logo = meanAbsDiffFromColour(frame, SIZE, SIZE - 10 - 36, SIZE - 10 - 16, 32, 12, redBgr);
        double face = meanAbsDiffFromColour(frame, SIZE, 100, 100, 60, 60, FACE_BGR);
        assertTrue(logo < 20, "the logo sits 10 px from the bottom-right corner (difference " + logo + ")");
        assertTrue(face < 8, "the rest of the frame is the rendered face (difference " + face + ")");
    }

    @Test
    void logoThatCannotBeFetchedEndsInLogoError() {
        TalkSpec.Logo missing = new TalkSpec.Logo(
                store.s3Url(ObjectKeys.upload(OWNER, TalkIds.imageId(), "missing.png")), List.of(0, 0));
        Rendered rendered = storeInputs(new TalkSpec.TalkConfig(false, "mp4", false, 0, missing, null, true, 0.3,
                true, 1, 1, true));
        topics.send(Topics.RENDERED, rendered);

        TalkFailed failed = topics.await(Topics.FAILED, new EventDeserializers.Failed(), rendered.talkId(), 1)
                .get(0).value();
        assertEquals(ErrorKind.LogoError, failed.kind());
        assertFalse(store.exists(ObjectKeys.result(OWNER, rendered.talkId(), "mp4")), "no result is stored");
    }

    @Test
    void redeliveredEventIsAnsweredFromTheStoredResult() {
        Rendered rendered = storeInputs(true);
        String id = rendered.talkId();
        topics.send(Topics.RENDERED, rendered);
        TalkCompleted first = completed(id, 1).get(0).value();
        byte[] result = store.get(first.resultKey());

        // Without its frames the talk could not be muxed again: only the stored result can answer.
        store.delete(rendered.framesKey());
        topics.send(Topics.RENDERED, rendered);
        TalkCompleted again = completed(id, 2).get(1).value();
        assertEquals(withoutProcessingFps(first), withoutProcessingFps(again),
                "the redelivery reports the same result");
        assertArrayEquals(result, store.get(first.resultKey()), "the result was not muxed again");
        assertEquals(List.of(StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED,
                        StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED),
                topics.progress(id, 4).stream().map(StageProgress::phase).toList());
    }

    @Test
    void eventWithoutItsArtifactsGoesToTheDeadLetterTopic() {
        Rendered rendered = storeInputs(false);
        String id = rendered.talkId();
        store.delete(rendered.framesKey());
        topics.send(Topics.RENDERED, rendered);

        ConsumerRecord<String, Rendered> dead =
                topics.await(Topics.DEAD_LETTER, new EventDeserializers.RenderedEvent(), id, 1).get(0);
        assertEquals(rendered, dead.value(), "the dead letter carries the event, so the notifier can end the talk");
        assertNotNull(TalkTopics.header(dead, "dead-letter-reason"), "the dead letter says why");
        assertFalse(store.exists(ObjectKeys.result(OWNER, id, "mp4")), "no result is stored");
    }

    /** The event's fields and the stored MP4 as a player sees it; returns the downloaded result. */
    private Path assertResult(Rendered rendered, TalkCompleted done) throws IOException {
        SpeechReady speech = rendered.matched().speech();
        assertEquals(rendered.talkId(), done.talkId());
        assertEquals(OWNER, done.owner());
        assertEquals(speech.speechKey(), done.audioKey());
        assertEquals(speech.durationSeconds(), done.duration(), 1e-9);
        ResultMetadata metadata = done.metadata();
        assertEquals(rendered.matched().driverUrl(), metadata.driverUrl());
        assertEquals(1, metadata.numFaces());
        assertEquals(FRAMES, metadata.numFrames());
        assertTrue(metadata.processingFps() > 0, "processing fps " + metadata.processingFps());

        byte[] bytes = store.get(done.resultKey());
        assertEquals(Math.round(bytes.length / 1024.0 * 10) / 10.0, metadata.sizeKib(), 1e-9);
        Path result = temp.resolve(rendered.talkId() + ".mp4");
        Files.write(result, bytes);
        List<String> boxes = topLevelBoxes(bytes);
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"),
                "faststart: moov before mdat in " + boxes);

        ProbeResult probe = MediaProbe.probeCountingFrames(result);
        ProbeResult.Stream video = probe.video();
        ProbeResult.Stream audio = probe.audio();
        assertEquals("h264", video.codecName());
        assertEquals("aac", audio.codecName());
        assertEquals(FPS, video.frameRate(), 0.01);
        assertEquals(FRAMES, video.frames());
        assertEquals(FRAMES / FPS, video.durationSeconds(), 0.05);
        assertEquals(video.durationSeconds(), audio.durationSeconds(), 0.05, "the audio is padded to the video");
        return result;
    }

    /** Stores what tts-service, driver-matcher and render-worker store for a talk; returns the last event. */
    private Rendered storeInputs(boolean stitch) {
        return storeInputs(TalkSpec.TalkConfig.DEFAULT.withStitch(stitch));
    }

    private Rendered storeInputs(TalkSpec.TalkConfig config) {
        String id = TalkIds.talkId();
        String speechKey = ObjectKeys.work(id, ObjectKeys.SPEECH_WAV);
        store.put(speechKey, WavFile.encode(tone(SPEECH_SECONDS), SAMPLE_RATE), "audio/wav");
        TalkSpec spec = TalkSpec.of(store.s3Url(ObjectKeys.upload(OWNER, TalkIds.imageId(), "grace_hopper.jpg")),
                TalkSpec.Script.text("Hello.", null, false), config);
        SpeechReady speech = new SpeechReady(id, OWNER, spec, speechKey, ObjectKeys.work(id, ObjectKeys.VISEMES_JSON),
                SPEECH_SECONDS, "espeak-ng:en-us");

        String sourceKey = ObjectKeys.work(id, ObjectKeys.SOURCE_IMAGE);
        String faceKey = ObjectKeys.work(id, ObjectKeys.FACE_JSON);
        store.put(sourceKey, png(photo()), "image/png");
        store.putJson(faceKey, face());
        DriverMatched matched = new DriverMatched(speech, sourceKey, faceKey,
                ObjectKeys.work(id, ObjectKeys.DRIVER_JSON), "bank://lively/driver-01/original");

        String framesKey = ObjectKeys.work(id, ObjectKeys.FRAMES_MP4);
        Path frames = temp.resolve(id + "-frames.mp4");
        byte[] face = new byte[SIZE * SIZE * 3];
        for (int i = 0; i < face.length; i++) {
            face[i] = FACE_BGR[i % 3];
        }
        try (FrameVideoWriter writer = FrameVideoWriter.open(frames, SIZE, SIZE, FPS)) {
            for (int i = 0; i < FRAMES; i++) {
                writer.write(face);
            }
        }
        store.putFile(framesKey, frames, "video/mp4");
        return new Rendered(matched, framesKey, FRAMES, FPS, SIZE, SIZE, 1.5);
    }

    private List<ConsumerRecord<String, TalkCompleted>> completed(String talkId, int count) {
        return topics.await(Topics.COMPLETED, new EventDeserializers.Completed(), talkId, count);
    }

    /** grace_hopper.jpg as driver-matcher decodes it: 8-bit BGR. */
    private static BufferedImage photo() {
        Path file = Path.of(System.getProperty("opentalks.root"), ".opentalks", "samples", "grace_hopper.jpg");
        assertTrue(Files.isRegularFile(file), file + " is missing: run ./opentalks setup");
        try {
            BufferedImage decoded = ImageIO.read(file.toFile());
            BufferedImage bgr = new BufferedImage(decoded.getWidth(), decoded.getHeight(),
                    BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(decoded, 0, 0, null);
            return bgr;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** A face document for the crop; the muxer reads only the crop and the face count. */
    private static FaceDocument face() {
        List<Point> landmarks = new ArrayList<>();
        for (int i = 0; i < FaceDocument.LANDMARK_COUNT; i++) {
            double angle = 2 * Math.PI * i / FaceDocument.LANDMARK_COUNT;
            landmarks.add(new Point(CROP.centerX() + 80 * Math.cos(angle), CROP.centerY() + 100 * Math.sin(angle)));
        }
        Box box = new Box(CROP.centerX() - 80, CROP.centerY() - 100, 160, 200);
        return new FaceDocument(512, 600, box, 0.9, landmarks, CROP, 1);
    }

    private static short[] tone(double seconds) {
        short[] samples = new short[(int) Math.round(seconds * SAMPLE_RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / SAMPLE_RATE));
        }
        return samples;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** The ISO BMFF top-level box types in file order (ISO/IEC 14496-12, 4.2). */
    private static List<String> topLevelBoxes(byte[] mp4) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(mp4);
        long at = 0;
        while (at + 8 <= mp4.length) {
            long size = Integer.toUnsignedLong(b.getInt((int) at));
            types.add(new String(mp4, (int) at + 4, 4, StandardCharsets.US_ASCII));
            if (size == 1) {
                size = b.getLong((int) at + 8);
            } else if (size == 0) {
                break;
            }
            if (size < 8) {
                break;
            }
            at += size;
        }
        return types;
    }

    private static TalkCompleted withoutProcessingFps(TalkCompleted c) {
        ResultMetadata m = c.metadata();
        return new TalkCompleted(c.talkId(), c.owner(), c.resultKey(), c.audioKey(), c.duration(),
                new ResultMetadata(m.driverUrl(), m.mouthOpen(), m.numFaces(), m.numFrames(), 0, m.resolution(),
                        m.sizeKib(), m.voice()), c.face());
    }

    private static double meanAbsDiff(byte[] a, byte[] b, int width, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int i = (y * width + x0) * 3; i < (y * width + x0 + w) * 3; i++) {
                sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            }
        }
        return (double) sum / (w * h * 3);
    }

    private static double meanAbsDiffFromColour(byte[] a, int width, int x0, int y0, int w, int h, byte[] bgr) {
        byte[] flat = new byte[a.length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = bgr[i % 3];
        }
        return meanAbsDiff(a, flat, width, x0, y0, w, h);
    }
}
