package org.opentalks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.infra.LocalInfra;
import org.opentalks.media.AudioDecoder;
import org.opentalks.media.MediaProbe;
import org.opentalks.media.ProbeResult;
import org.opentalks.media.VideoFrames;
import org.opentalks.speech.FestivalEngine;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.Srt;
import org.opentalks.speech.SubtitleCue;
import org.opentalks.speech.WavFile;
import org.opentalks.speech.WebVtt;
import org.opentalks.speech.WordErrors;
import org.opentalks.speech.WordTiming;
import org.opentalks.speech.cloud.TestSpeech;
import org.opentalks.store.ObjectStore;

/**
 * The whole system through its HTTP API, as a user drives it: the real broker, store, speech engine,
 * face models and encoder, six service processes.
 */
@Tag("e2e")
class TalkPipelineEndToEndTest {
    private static final String KEY = "e2e:" + Long.toHexString(System.nanoTime());
    private static final Duration TALK_TIMEOUT = Duration.ofMinutes(2);
    private static final double FPS = 25;
    private static final String SCRIPT = "Hello world! This is a test of the talking head pipeline.";

    private static Path root;
    private static Path work;
    private static LocalCluster cluster;
    private static ApiClient api;
    private static ObjectStore store;
    private static WebhookReceiver webhooks;
    private static ProviderStandIns providers;
    private static Path dataDir;

    @BeforeAll
    static void startSystem() throws Exception {
        root = Path.of(System.getProperty("opentalks.root"));
        for (String sample : List.of("astronaut.png", "grace_hopper.jpg", "chelsea.png")) {
            assertTrue(Files.isRegularFile(samples().resolve(sample)),
                    sample + " is missing: run ./opentalks setup");
        }
        work = Files.createDirectories(root.resolve("local-infra/launcher/target/e2e"));
        providers = new ProviderStandIns(Files.createDirectories(work.resolve("providers")));
        Map<String, String> config = new LinkedHashMap<>(providers.endpoints());
        config.put("opentalks.fetch.allow-http-hosts", "127.0.0.1");
        dataDir = Files.createTempDirectory(work, "cluster-");
        cluster = LocalCluster.start(new LocalCluster.Options(root, dataDir, 0, KEY, LocalInfra.Mode.AUTO, config));
        api = new ApiClient(cluster.apiBaseUrl(), KEY);
        store = new ObjectStore(cluster.storeSettings());
        webhooks = new WebhookReceiver(cluster.webhookSecret());
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (webhooks != null) {
            webhooks.close();
        }
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (providers != null) {
            providers.close();
        }
    }

    @Test
    void textAndPortraitBecomeATalkingVideo() throws Exception {
        String source = upload("astronaut.png", "image/png");
        ApiClient.Reply created = api.post("/talks", """
                {"source_url":"%s","script":{"type":"text","input":"%s","subtitles":true},
                 "config":{"motion_factor":0},"webhook":"%s","user_data":"e2e-1"}""".formatted(source, SCRIPT,
                webhooks.url()));
        assertEquals(201, created.status(), () -> "POST /talks: " + created.body());
        String id = created.text("id");
        assertTrue(id.startsWith("tlk_"), id);
        assertEquals("created", created.text("status"));

        JsonNode talk = api.awaitFinal(id, TALK_TIMEOUT);
        assertEquals("done", talk.path("status").asText(), talk::toString);
        assertEquals("e2e-1", talk.path("user_data").asText());
        assertTrue(talk.path("started_at").isTextual(), "started_at is set");
        assertEquals(List.of(512, 512), List.of(talk.path("metadata").path("resolution").get(0).asInt(),
                talk.path("metadata").path("resolution").get(1).asInt()));
        assertEquals("festival:slt-hts", talk.path("metadata").path("voice").asText(),
                "D-ID's default voice (en-US-JennyNeural) is spoken by the female English voice, and recorded");
        assertTrue(talk.path("metadata").path("mouth_open").asBoolean(), "the astronaut smiles with her lips apart");
        assertTrue(talk.path("metadata").path("driver_url").asText().matches("bank://lively/driver-0[1-6]/(original|flipped)"),
                () -> "the default bank's driver, auto-matched: " + talk.path("metadata"));
        double speech = talk.path("duration").asDouble();
        assertTrue(speech > 2 && speech < 8, "speech lasts " + speech + " s");

        Path video = work.resolve(id + ".mp4");
        api.download(talk.path("result_url").asText(), video);
        ProbeResult probe = MediaProbe.probe(video);
        ProbeResult.Stream v = probe.video();
        ProbeResult.Stream a = probe.audio();
        assertEquals("h264", v.codecName());
        assertEquals(512, v.width());
        assertEquals(512, v.height());
        assertEquals(FPS, v.frameRate(), 0.01);
        assertEquals("aac", a.codecName());
        assertEquals(speech, v.durationSeconds(), 0.1, "video duration vs speech");
        assertEquals(speech, a.durationSeconds(), 0.1, "audio duration vs speech");
        assertEquals(talk.path("metadata").path("num_frames").asInt(),
                VideoFrames.forEach(video, (i, w, h, bgr) -> { }));

        assertMouthMovesOnlyWithSpeech(id, video);
        assertSubtitlesFollowTheScript(talk, SCRIPT, speech);

        JsonNode hook = webhooks.await(id, Duration.ofSeconds(30));
        assertEquals("done", hook.path("status").asText());
        assertEquals("e2e-1", hook.path("user_data").asText());
        assertTrue(hook.path("result_url").asText().startsWith("http"), hook::toString);
        // The delivery log, beyond D-ID: one signed attempt, answered 204.
        JsonNode log = awaitWebhookLog(id, "delivered");
        assertEquals("msg_" + id, log.path("webhook_id").asText(), log::toString);
        assertEquals(webhooks.url(), log.path("webhook").asText(), log::toString);
        assertEquals(1, log.path("attempts").size(), log::toString);
        assertEquals(204, log.path("attempts").get(0).path("status_code").asInt(), log::toString);
    }

    /** {@code GET /talks/{id}/webhooks} once its state is {@code state} (it is written just after the POST is answered). */
    private static JsonNode awaitWebhookLog(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            ApiClient.Reply reply = api.get("/talks/" + id + "/webhooks");
            assertEquals(200, reply.status(), () -> "GET /talks/" + id + "/webhooks: " + reply.body());
            if (state.equals(reply.text("state")) || System.nanoTime() > deadline) {
                assertEquals(state, reply.text("state"), reply.body()::toString);
                return reply.body();
            }
            Thread.sleep(50);
        }
    }

    /**
     * The talk's WebVTT (and SRT) subtitles say the script's words in order, within the audio, one cue after
     * another, the first starting as the speech does and the last ending with it.
     */
    private static List<SubtitleCue> assertSubtitlesFollowTheScript(JsonNode talk, String script, double speech)
            throws Exception {
        Path vttFile = work.resolve(talk.path("id").asText() + ".vtt");
        Path srtFile = work.resolve(talk.path("id").asText() + ".srt");
        assertTrue(talk.path("subtitles_url").isTextual(), () -> "subtitles_url in " + talk);
        api.download(talk.path("subtitles_url").asText(), vttFile);
        api.download(talk.path("subtitles_srt_url").asText(), srtFile);
        List<SubtitleCue> cues = WebVtt.parse(Files.readString(vttFile));
        assertEquals(cues, Srt.parse(Files.readString(srtFile)), "the SRT says what the WebVTT says");
        String said = String.join(" ", cues.stream().map(SubtitleCue::text).toList());
        assertEquals(0.0, WordErrors.rate(WordErrors.normalisedWords(script),
                WordErrors.normalisedWords(said)), 1e-9, () -> "subtitles: " + said);
        double previous = 0;
        for (SubtitleCue cue : cues) {
            assertTrue(cue.start() >= previous - 1e-3 && cue.end() > cue.start() && cue.end() <= speech + 1e-3,
                    () -> "cues in order within " + speech + " s: " + cues);
            previous = cue.end();
        }
        assertTrue(cues.get(0).start() < 1.0, () -> "the first words come early: " + cues);
        assertTrue(cues.get(cues.size() - 1).end() > speech - 1.5, () -> "the last words end late: " + cues);
        return cues;
    }

    /**
     * The mouth region changes while vowels sound and stays still through silences (the mouth is
     * located from the talk's own face.json, in crop pixels). The talk holds the head still
     * ({@code motion_factor: 0}), so the region's pixels change only with the mouth.
     */
    private static void assertMouthMovesOnlyWithSpeech(String id, Path video) {
        FaceDocument face = store.getJson(ObjectKeys.work(id, ObjectKeys.FACE_JSON), FaceDocument.class);
        VisemeTrack visemes = store.getJson(ObjectKeys.work(id, ObjectKeys.VISEMES_JSON), VisemeTrack.class);
        int[] box = mouthBox(face);
        List<int[]> mouths = new ArrayList<>();
        VideoFrames.forEach(video, (i, w, h, bgr) -> mouths.add(gray(bgr, w, box)));

        List<Integer> silent = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < mouths.size(); i++) {
            double t = i / FPS;
            // Well inside a pause: the mouth has had time to close and will not yet anticipate speech.
            if (visemes.at(t - 0.12) == Viseme.REST && visemes.at(t) == Viseme.REST
                    && visemes.at(t + 0.12) == Viseme.REST && t + 0.12 < visemes.durationSeconds()) {
                silent.add(i);
            }
            Viseme now = visemes.at(t);
            if (now == Viseme.AA || now == Viseme.EH || now == Viseme.OH) {
                open.add(i);
            }
        }
        assertTrue(silent.size() >= 2, "the speech has a pause between its sentences: " + visemes.segments());
        assertTrue(open.size() >= 5, "the speech has open vowels");
        int[] rest = mouths.get(silent.get(silent.size() / 2));
        double stillness = silent.stream().mapToDouble(i -> meanAbsDiff(mouths.get(i), rest)).max().orElseThrow();
        double movement = open.stream().mapToDouble(i -> meanAbsDiff(mouths.get(i), rest)).average().orElseThrow();
        System.out.printf("mouth: silent frames %s differ ≤ %.2f; open-vowel frames differ %.2f on average%n",
                silent, stillness, movement);
        assertTrue(stillness < 2.5, "the mouth stays still in silence (max diff " + stillness + ")");
        assertTrue(movement > 8, "the mouth moves while speaking (mean diff " + movement + ")");
        assertTrue(movement > 4 * stillness, "speech moves the mouth far more than silence");
    }

    /** The mouth's bounding box in the 512 crop, grown to take in the dropping jaw: x0, y0, x1, y1. */
    private static int[] mouthBox(FaceDocument face) {
        double scale = 512 / face.crop().width();
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Point p : face.landmarks().subList(48, 68)) {
            double x = (p.x() - face.crop().x()) * scale;
            double y = (p.y() - face.crop().y()) * scale;
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        double h = y1 - y0;
        return new int[] {(int) Math.max(0, x0 - 0.1 * (x1 - x0)), (int) Math.max(0, y0 - 0.2 * h),
                (int) Math.min(511, x1 + 0.1 * (x1 - x0)), (int) Math.min(511, y1 + 0.8 * h)};
    }

    private static int[] gray(byte[] bgr, int width, int[] box) {
        int[] out = new int[(box[2] - box[0]) * (box[3] - box[1])];
        int k = 0;
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0]; x < box[2]; x++) {
                int i = (y * width + x) * 3;
                out[k++] = ((bgr[i] & 0xff) + (bgr[i + 1] & 0xff) + (bgr[i + 2] & 0xff)) / 3;
            }
        }
        return out;
    }

    private static double meanAbsDiff(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return (double) sum / a.length;
    }

    /**
     * A recording of a known passage (spoken here by festival's SLT voice), uploaded, with subtitles: the cues
     * say the passage's words (a speech recogniser heard them: WER at most 20 %) at the times they were said
     * (a cue that starts with a word of the passage lies over the time that word was said).
     */
    @Test
    void aRecordingGetsSubtitlesOfWhatItSays() throws Exception {
        String passage = "Please bring your passport and your boarding pass to the gate. "
                + "Boarding begins at seven, and the plane leaves at half past.";
        Speech spoken = new FestivalEngine().speak(passage, FestivalEngine.SLT_HTS_VOICE, Prosody.NEUTRAL);
        Path wav = work.resolve("passage.wav");
        Files.write(wav, WavFile.encode(spoken.samples(), spoken.sampleRate()));
        List<WordTiming> truth = spoken.words();
        assertTrue(truth.size() > 15, "festival times its words: " + truth);
        ApiClient.Reply audio = api.uploadAudio(wav, "audio/wav");
        assertEquals(201, audio.status(), () -> "POST /audios: " + audio.body());
        ApiClient.Reply created = api.post("/talks", """
                {"source_url":"%s","script":{"type":"audio","audio_url":"%s","subtitles":true}}"""
                .formatted(upload("astronaut.png", "image/png"), audio.text("url")));
        assertEquals(201, created.status(), () -> "POST /talks: " + created.body());

        JsonNode talk = api.awaitFinal(created.text("id"), TALK_TIMEOUT);
        assertEquals("done", talk.path("status").asText(), talk::toString);
        Path vttFile = work.resolve(created.text("id") + ".vtt");
        api.download(talk.path("subtitles_url").asText(), vttFile);
        List<SubtitleCue> cues = WebVtt.parse(Files.readString(vttFile));
        String heard = String.join(" ", cues.stream().map(SubtitleCue::text).toList());
        double wer = WordErrors.rate(WordErrors.normalisedWords(passage), WordErrors.normalisedWords(heard));
        System.out.printf("recording's subtitles: WER %.1f %%: %s%n", 100 * wer, heard);
        assertTrue(wer <= 0.20, () -> "WER " + wer + ": " + heard);
        double duration = talk.path("duration").asDouble();
        double previous = 0;
        for (SubtitleCue cue : cues) {
            assertTrue(cue.start() >= previous - 1e-3 && cue.end() <= duration + 1e-3, () -> cues.toString());
            previous = cue.end();
        }
        // A cue lies over the speech of its words: one that starts with a word of the passage overlaps the
        // span in which the voice said that word (a misheard first word is the recogniser's, counted above).
        int checked = 0;
        for (SubtitleCue cue : cues) {
            String first = WordErrors.normalisedWords(cue.text()).get(0);
            List<WordTiming> said = truth.stream().filter(w -> WordErrors.normalisedWords(w.word()).contains(first))
                    .toList();
            if (said.isEmpty()) {
                continue;
            }
            checked++;
            assertTrue(said.stream().anyMatch(w -> w.start() < cue.end() && w.end() > cue.start()),
                    () -> "'" + cue.text() + "' at " + cue.start() + "–" + cue.end() + " s, said at " + said);
        }
        assertTrue(checked >= 1, () -> "no cue starts with a word of the passage: " + cues);
    }

    @Test
    void stitchedTalkComesBackAtThePhotosSize() throws Exception {
        String source = upload("grace_hopper.jpg", "image/jpeg");
        ApiClient.Reply created = api.post("/talks", """
                {"source_url":"%s","script":{"type":"text","input":"Stitched back into the photo.","subtitles":true},
                 "config":{"stitch":"true","subtitles_burn":true}}""".formatted(source));
        assertEquals(201, created.status(), () -> "POST /talks: " + created.body());
        JsonNode talk = api.awaitFinal(created.text("id"), TALK_TIMEOUT);
        assertEquals("done", talk.path("status").asText(), talk::toString);
        assertEquals(true, talk.path("config").path("stitch").asBoolean());
        assertEquals(false, talk.path("metadata").path("mouth_open").asBoolean(true), "Grace Hopper's lips are closed");

        Path video = work.resolve(created.text("id") + ".mp4");
        api.download(talk.path("result_url").asText(), video);
        ProbeResult.Stream v = MediaProbe.probe(video).video();
        assertEquals(512, v.width());
        assertEquals(600, v.height());
        assertEquals("h264", v.codecName());
        List<SubtitleCue> cues = assertSubtitlesFollowTheScript(talk, "Stitched back into the photo.",
                talk.path("duration").asDouble());
        assertUnchangedOutsideTheCrop(created.text("id"), video, samples().resolve("grace_hopper.jpg"), cues);
        assertSubtitlesAreBurnedIn(video, cues);
    }

    /** The bottom quarter, where burned-in subtitles are drawn. */
    private static final double SUBTITLE_BAND = 0.25;

    /**
     * While a cue is shown, the bottom band holds its text: many more near-white pixels than the same band of a
     * frame with no cue, where the band is the photo's.
     */
    private static void assertSubtitlesAreBurnedIn(Path video, List<SubtitleCue> cues) throws Exception {
        List<int[]> shown = new ArrayList<>();
        List<int[]> bare = new ArrayList<>();
        VideoFrames.forEach(video, (i, w, h, bgr) -> {
            double t = i / FPS;
            boolean inCue = cues.stream().anyMatch(c -> t >= c.start() + 0.05 && t < c.end() - 0.05);
            boolean outside = cues.stream().noneMatch(c -> t >= c.start() - 0.05 && t < c.end() + 0.05);
            if (!inCue && !outside) {
                return;
            }
            int dark = 0;
            int white = 0;
            for (int y = (int) (h * (1 - SUBTITLE_BAND)); y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int o = 3 * (y * w + x);
                    int luma = ((bgr[o] & 0xff) * 29 + (bgr[o + 1] & 0xff) * 150 + (bgr[o + 2] & 0xff) * 77) >> 8;
                    dark += luma < 40 ? 1 : 0;
                    white += luma > 235 ? 1 : 0;
                }
            }
            (inCue ? shown : bare).add(new int[] {dark, white});
        });
        assertTrue(!shown.isEmpty(), "frames during a cue");
        double darkShown = shown.stream().mapToInt(a -> a[0]).average().orElse(0);
        double whiteShown = shown.stream().mapToInt(a -> a[1]).average().orElse(0);
        double darkBare = bare.stream().mapToInt(a -> a[0]).average().orElse(0);
        double whiteBare = bare.stream().mapToInt(a -> a[1]).average().orElse(0);
        System.out.printf("burned-in subtitles: bottom band dark/white pixels %.0f/%.0f with a cue, %.0f/%.0f "
                + "without (%d and %d frames)%n", darkShown, whiteShown, darkBare, whiteBare, shown.size(), bare.size());
        // The box is dark over whatever is there (Grace Hopper's uniform is dark already); the letters are not.
        assertTrue(whiteShown > whiteBare + 1000, "a cue shows as white letters in the bottom band");
    }

    /**
     * Outside the animated crop the video is the photo and does not move. Each frame there is the photo but for
     * H.264's rounding and 4:2:0 colour (the composition itself is exact; see StitchCompositor's tests), and
     * equals the frame before it but for the encoder's noise, except where a key frame codes the still picture
     * afresh (its grain comes out differently, by about as much as any frame differs from the photo): the
     * encoder starts one every two seconds, so anything that really moves, changing frame after frame, fails.
     */
    private static void assertUnchangedOutsideTheCrop(String id, Path video, Path photoFile, List<SubtitleCue> cues)
            throws Exception {
        FaceDocument face = store.getJson(ObjectKeys.work(id, ObjectKeys.FACE_JSON), FaceDocument.class);
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(photoFile.toFile());
        int margin = 2;
        byte[][] previous = {null};
        double[] fromPhoto = {0};
        double[] steady = {0};
        List<Integer> refreshed = new ArrayList<>();
        int frames = VideoFrames.forEach(video, (i, w, h, bgr) -> {
            long toPhoto = 0;
            long toPrevious = 0;
            long n = 0;
            int bottom = cues.isEmpty() ? h : (int) (h * (1 - SUBTITLE_BAND)); // the subtitles' band is theirs
            for (int y = 0; y < bottom; y++) {
                for (int x = 0; x < w; x++) {
                    if (x >= face.crop().x() - margin && x <= face.crop().x() + face.crop().width() + margin
                            && y >= face.crop().y() - margin && y <= face.crop().y() + face.crop().height() + margin) {
                        continue;
                    }
                    int rgb = photo.getRGB(x, y);
                    int o = 3 * (y * w + x);
                    for (int c = 0; c < 3; c++) {
                        int v = bgr[o + c] & 0xff;
                        toPhoto += Math.abs(v - ((rgb >> (8 * c)) & 0xff));
                        toPrevious += previous[0] == null ? 0 : Math.abs(v - (previous[0][o + c] & 0xff));
                    }
                    n += 3;
                }
            }
            assertTrue(n > 0.05 * 3 * w * h, "the photo extends well beyond the crop " + face.crop());
            fromPhoto[0] = Math.max(fromPhoto[0], (double) toPhoto / n);
            double change = (double) toPrevious / n;
            if (change < 1.0) {
                steady[0] = Math.max(steady[0], change);
            } else {
                refreshed.add(i);
            }
            previous[0] = bgr.clone();
        });
        assertTrue(frames > 1);
        System.out.printf("stitch: outside the crop %s, frames differ from the one before by ≤ %.2f but at %s, and "
                + "from the photo by ≤ %.2f on average%n", face.crop(), steady[0], refreshed, fromPhoto[0]);
        int keyFrames = (int) Math.ceil(frames / (2 * FPS));
        assertTrue(refreshed.size() < keyFrames, () -> "outside the animated crop nothing moves: frames " + refreshed
                + " of " + frames + " changed there");
        assertTrue(fromPhoto[0] < 5.0, "outside the animated crop the video is the photo (mean diff " + fromPhoto[0]
                + ")");
    }

    /**
     * A talk in each cloud provider's voice, with the client's own keys in {@code x-api-key-external} (this
     * server has none): each provider's stand-in receives the request the provider documents, and its audio
     * becomes the talk. Wrong keys end the talks in errors that say which key to check. No key is written to
     * the store, the broker or a log.
     */
    @Test
    void cloudVoicesSpeakWithTheClientsOwnKeys() throws Exception {
        String source = upload("astronaut.png", "image/png");
        String keys = providers.clientKeysHeader();
        Map<String, String> talks = providerTalks(source, keys);
        for (Map.Entry<String, String> entry : talks.entrySet()) {
            String provider = entry.getKey();
            JsonNode talk = api.awaitFinal(entry.getValue(), TALK_TIMEOUT);
            assertEquals("done", talk.path("status").asText(), () -> provider + ": " + talk);
            assertEquals(provider + ":" + ProviderStandIns.VOICES.get(provider),
                    talk.path("metadata").path("voice").asText(), "the provider's voice spoke, and is recorded");
            providers.assertDocumentedRequests(provider, providerScript(provider));
            TestSpeech.Spoken answered = providers.answered(provider);
            assertEquals(answered.duration(), talk.path("duration").asDouble(), 0.05, provider);
            Path video = work.resolve(entry.getValue() + ".mp4");
            api.download(talk.path("result_url").asText(), video);
            short[] heard = AudioDecoder.decode(video, 30);
            short[] sent = TestSpeech.resample(answered.samples(), answered.sampleRate(), AudioDecoder.SAMPLE_RATE);
            double r = envelopeCorrelation(sent, heard);
            System.out.printf("%s's talk: %.2f s, loudness follows the provider's audio with r = %.3f%n", provider,
                    talk.path("duration").asDouble(), r);
            assertTrue(r > 0.9, () -> provider + ": the video's sound follows the provider's audio (r = " + r + ")");
        }

        String wrong = providers.wrongKeysHeader();
        for (Map.Entry<String, String> entry : providerTalks(source, wrong).entrySet()) {
            String provider = entry.getKey();
            JsonNode talk = api.awaitFinal(entry.getValue(), TALK_TIMEOUT);
            assertEquals("error", talk.path("status").asText(), () -> provider + ": " + talk);
            assertEquals("TextError", talk.path("error").path("kind").asText(), talk::toString);
            String description = talk.path("error").path("description").asText();
            System.out.printf("%s with a wrong key: %s%n", provider, description);
            assertTrue(description.contains("Check the " + provider + " key sent in x-api-key-external or configured "
                    + "for this server."), description);
            if (Set.of("microsoft", "elevenlabs").contains(provider)) {
                assertTrue(description.contains("(HTTP 401)"), description);
            }
            for (String secret : providers.secrets(keys, wrong)) {
                assertFalse(talk.toString().contains(secret), "the talk repeats no key");
            }
        }

        List<String> secrets = providers.secrets(keys, wrong);
        ProviderStandIns.assertNowhereUnder(dataDir, secrets);
        for (String key : store.list("")) {
            String object = new String(store.get(key), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertFalse(object.contains(secret), () -> "a client key is stored in " + key);
            }
        }
    }

    /** Each provider says something of its own, so that no talk can pass with another's audio. */
    private static String providerScript(String provider) {
        return "Nice to meet you, this is " + provider + " speaking.";
    }

    /** A talk per provider voice, all posted before any is awaited; provider to talk id. */
    private static Map<String, String> providerTalks(String source, String clientKeys) {
        Map<String, String> talks = new LinkedHashMap<>();
        for (Map.Entry<String, String> voice : ProviderStandIns.VOICES.entrySet()) {
            ApiClient.Reply created = api.post("/talks", """
                    {"source_url":"%s","script":{"type":"text","input":"%s",
                     "provider":{"type":"%s","voice_id":"%s"}},"config":{"motion_factor":0}}"""
                    .formatted(source, providerScript(voice.getKey()), voice.getKey(), voice.getValue()),
                    Map.of("x-api-key-external", clientKeys));
            assertEquals(201, created.status(), () -> "POST /talks: " + created.body());
            talks.put(voice.getKey(), created.text("id"));
        }
        return talks;
    }

    /** Pearson's r between the loudness (RMS per 40 ms) of two sounds at the same rate, over the shorter one. */
    private static double envelopeCorrelation(short[] a, short[] b) {
        int window = AudioDecoder.SAMPLE_RATE / 25;
        int n = Math.min(a.length, b.length) / window;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rms(a, i * window, window);
            y[i] = rms(b, i * window, window);
        }
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double rms(short[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }

    @Test
    void aPhotoWithoutAFaceEndsInFaceErrorAndFiresTheWebhook() throws Exception {
        String source = upload("chelsea.png", "image/png");
        ApiClient.Reply created = api.post("/talks", """
                {"source_url":"%s","script":{"type":"text","input":"Cats do not talk."},"webhook":"%s"}"""
                .formatted(source, webhooks.url()));
        assertEquals(201, created.status(), () -> "POST /talks: " + created.body());
        JsonNode talk = api.awaitFinal(created.text("id"), TALK_TIMEOUT);
        assertEquals("error", talk.path("status").asText(), talk::toString);
        assertEquals("FaceError", talk.path("error").path("kind").asText());
        assertTrue(talk.path("result_url").isMissingNode(), "no result for a failed talk");

        JsonNode hook = webhooks.await(created.text("id"), Duration.ofSeconds(30));
        assertEquals("error", hook.path("status").asText());
        assertEquals("FaceError", hook.path("error").path("kind").asText());
    }

    @Test
    void aSourceThatCannotBeFetchedEndsInSourceError() {
        ApiClient.Reply created = api.post("/talks", """
                {"source_url":"s3://opentalks/uploads/e2e/img_missing/none.png",
                 "script":{"type":"text","input":"Nobody is here."}}""");
        assertEquals(201, created.status(), () -> "POST /talks: " + created.body());
        JsonNode talk = api.awaitFinal(created.text("id"), TALK_TIMEOUT);
        assertEquals("error", talk.path("status").asText(), talk::toString);
        assertEquals("SourceError", talk.path("error").path("kind").asText());
    }

    /**
     * Talks whose media are broken or hostile are accepted at POST (the URL is fine; its bytes are not
     * known yet) and must then end in error with the kind that names the part, never stay created or
     * started: a source that is garbage, cut short, an HTML page, empty, missing, a decompression bomb
     * or a photo without a face; audio that is noise or only a header; a logo that is not an image.
     */
    @Test
    void brokenAndHostileMediaEndInErrorsNamingThePart() throws Exception {
        byte[] png = Files.readAllBytes(samples().resolve("astronaut.png"));
        byte[] garbage = new byte[20_000];
        new Random(7).nextBytes(garbage);
        Map<String, byte[]> files = Map.of(
                "/garbage.png", garbage,
                "/half.png", Arrays.copyOf(png, png.length / 2),
                "/page.png", "<!doctype html><html><body>Not found</body></html>".getBytes(),
                "/empty.png", new byte[0],
                "/bomb.png", pngHeaderDeclaring(60_000, 60_000),
                "/cat.png", Files.readAllBytes(samples().resolve("chelsea.png")),
                "/face.png", png,
                "/noise.wav", garbage,
                "/header-only.wav", wavHeaderOnly());
        Map<String, String[]> talks = new LinkedHashMap<>();
        try (HostileMediaHost host = new HostileMediaHost(files)) {
            String text = "\"script\":{\"type\":\"text\",\"input\":\"Hello there.\"}";
            for (String source : List.of("/garbage.png", "/half.png", "/page.png", "/empty.png", "/missing.png",
                    "/bomb.png")) {
                talks.put(source, new String[] {"{\"source_url\":\"" + host.url(source) + "\"," + text + "}",
                        "SourceError"});
            }
            talks.put("/cat.png", new String[] {"{\"source_url\":\"" + host.url("/cat.png") + "\"," + text + "}",
                    "FaceError"});
            for (String audio : List.of("/noise.wav", "/header-only.wav")) {
                talks.put(audio, new String[] {"{\"source_url\":\"" + host.url("/face.png") + "\",\"script\":"
                        + "{\"type\":\"audio\",\"audio_url\":\"" + host.url(audio) + "\"}}", "AudioError"});
            }
            talks.put("logo /page.png", new String[] {"{\"source_url\":\"" + host.url("/face.png") + "\"," + text
                    + ",\"config\":{\"logo\":{\"url\":\"" + host.url("/page.png") + "\",\"position\":[0,0]}}}",
                    "LogoError"});

            Map<String, String> ids = new LinkedHashMap<>();
            talks.forEach((what, talk) -> {
                ApiClient.Reply created = api.post("/talks", talk[0]);
                assertEquals(201, created.status(), () -> what + ": " + created.body());
                ids.put(what, created.text("id"));
            });
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> entry : ids.entrySet()) {
                JsonNode talk = api.awaitFinal(entry.getValue(), TALK_TIMEOUT);
                String expected = talks.get(entry.getKey())[1];
                String kind = talk.path("error").path("kind").asText();
                if (!"error".equals(talk.path("status").asText()) || !expected.equals(kind)) {
                    wrong.add(entry.getKey() + ": expected error " + expected + ", got " + talk);
                }
                assertTrue(talk.path("result_url").isMissingNode(), talk::toString);
                assertTrue(talk.path("error").path("description").asText().length() > 10, talk::toString);
            }
            assertEquals(List.of(), wrong);
        }
    }

    /** A PNG signature and an IHDR declaring {@code width}×{@code height} pixels, and nothing else. */
    private static byte[] pngHeaderDeclaring(int width, int height) {
        java.nio.ByteBuffer b = ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put("IHDR".getBytes())
                .putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new CRC32();
        crc.update(b.array(), 12, 17);
        return b.putInt((int) crc.getValue()).array();
    }

    /** A canonical 44-byte WAV header (16 kHz mono 16-bit) announcing a second of samples that never follow. */
    private static byte[] wavHeaderOnly() {
        java.nio.ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 32_000).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(32_000);
        return b.array();
    }

    @Test
    void badRequestsGetDIdErrors() throws Exception {
        ApiClient.Reply missing = api.post("/talks", "{\"source_url\":\"https://example.com/a.png\"}");
        assertEquals(400, missing.status());
        assertEquals("ValidationError", missing.text("kind"));
        assertTrue(missing.body().path("details").has("body.script"), missing.body()::toString);

        ApiClient.Reply wrongType = api.post("/talks", "{\"source_url\":42,\"script\":{\"type\":\"text\","
                + "\"input\":\"hello\"}}");
        assertEquals(400, wrongType.status());
        assertTrue(wrongType.body().path("details").has("body.source_url"), wrongType.body()::toString);

        ApiClient.Reply notJson = api.post("/talks", "{nope");
        assertEquals(400, notJson.status());
        assertEquals("ValidationError", notJson.text("kind"));

        Path text = Files.writeString(work.resolve("not-an-image.png"), "just text, not a picture");
        ApiClient.Reply upload = api.uploadImage(text, "image/png");
        assertEquals(415, upload.status());
        assertEquals("UnsupportedMimeTypeError", upload.text("kind"));

        ApiClient.Reply unknown = api.get("/talks/tlk_AAAAAAAAAAAAAAAAAAAAA");
        assertEquals(404, unknown.status());
        assertEquals("NotFoundError", unknown.text("kind"));

        ApiClient.Reply anonymous = new ApiClient(cluster.apiBaseUrl(), "e2e:wrong").get("/talks/x");
        assertEquals(401, anonymous.status());
        assertEquals("AuthorizationError", anonymous.text("kind"));
    }

    private static String upload(String sample, String type) {
        ApiClient.Reply reply = api.uploadImage(samples().resolve(sample), type);
        assertEquals(201, reply.status(), () -> "POST /images: " + reply.body());
        assertNotNull(reply.text("id"));
        assertTrue(reply.text("url").startsWith("s3://"), reply.text("url"));
        return reply.text("url");
    }

    private static Path samples() {
        return root.resolve(".opentalks/samples");
    }
}
