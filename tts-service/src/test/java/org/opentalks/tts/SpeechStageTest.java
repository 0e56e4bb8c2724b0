package org.opentalks.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.service.kafka.EventDeserializers;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.service.testing.StageTestSupport;
import org.opentalks.service.testing.TalkTopics;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Speech;
import org.opentalks.speech.WavFile;

/**
 * tts-service on the real broker and store: a {@code talks.requested} event, as the gateway sends it,
 * becomes {@code speech.wav}, {@code visemes.json} and {@code talks.speech-ready}.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = true)
class SpeechStageTest extends StageTestSupport {
    private static final String STAGE = "tts-service";

    /** The gateway, which has no engines, lists and resolves voices from what this service publishes. */
    @Test
    void theVoiceCatalogueIsPublishedAtStartUp() {
        VoiceCatalogueDocument catalogue = store.getJson(ObjectKeys.VOICE_CATALOGUE, VoiceCatalogueDocument.class);

        VoiceCatalogueDocument.CatalogueVoice slt = catalogue.voices().stream()
                .filter(v -> v.provider().equals("festival") && v.id().equals("slt-hts")).findFirst().orElseThrow();
        assertTrue(slt.standsInFor().contains("en-US-JennyNeural"), slt::toString);
        assertEquals("Female", slt.gender());
        VoiceCatalogueDocument.CatalogueVoice jenny = catalogue.voices().stream()
                .filter(v -> v.id().equals("en-US-JennyNeural")).findFirst().orElseThrow();
        assertEquals("festival:slt-hts", jenny.spokenBy());
        VoiceCatalogueDocument.CatalogueVoice guy = catalogue.voices().stream()
                .filter(v -> v.id().equals("en-US-GuyNeural")).findFirst().orElseThrow();
        assertTrue(guy.spokenBy().startsWith("flite:"), "a male English voice speaks for Guy: " + guy);
        assertTrue(catalogue.voices().stream().anyMatch(v -> v.provider().equals("espeak-ng") && v.id().equals("fr-fr")));
        assertTrue(catalogue.voices().size() > 100, "espeak-ng's languages and Microsoft's voices");
    }

    @Test
    void scriptBecomesSpeechAndVisemeTimeline() {
        TalkRequested request = request("Hello there! Nice to meet you.", "en-US-JennyNeural");
        String id = request.talkId();
        topics.send(Topics.REQUESTED, request);

        ConsumerRecord<String, SpeechReady> record = speechReady(id, 1).get(0);
        SpeechReady ready = record.value();
        assertEquals(id, ready.talkId());
        assertEquals(OWNER, ready.owner());
        assertEquals(request.spec(), ready.spec(), "the talk's spec travels on unchanged");
        assertEquals(ObjectKeys.work(id, ObjectKeys.SPEECH_WAV), ready.speechKey());
        assertEquals(ObjectKeys.work(id, ObjectKeys.VISEMES_JSON), ready.visemesKey());
        assertEquals("festival:slt-hts", ready.voice(), "Jenny is spoken by the female English voice");
        assertTrue(ready.durationSeconds() > 1 && ready.durationSeconds() < 6,
                "speech lasts " + ready.durationSeconds());
        assertEquals("org.opentalks.talk.speech-ready", TalkTopics.header(record, "ce_type"));
        assertEquals(STAGE, TalkTopics.header(record, "ce_source"));

        Pcm speech = WavFile.decode(store.get(ready.speechKey()));
        assertEquals(ready.durationSeconds(), speech.durationSeconds(), 1e-9, "speech.wav lasts what the event says");
        assertTrue(peak(speech.samples()) > 3000, "speech.wav is not silent: peak " + peak(speech.samples()));

        VisemeTrack track = store.getJson(ready.visemesKey(), VisemeTrack.class);
        assertEquals(ready.durationSeconds(), track.durationSeconds(), 1e-9);
        assertEquals(speech.sampleRate(), track.sampleRate());
        assertEquals(ready.voice(), track.voice());
        assertCovers(track);
        assertTrue(track.segments().stream().anyMatch(s -> s.viseme() == Viseme.AA || s.viseme() == Viseme.EH),
                "an open vowel is spoken: " + track.segments());
        assertTrue(track.segments().stream().anyMatch(s -> s.viseme() == Viseme.PBM),
                "the m of 'meet' closes the lips: " + track.segments());

        List<StageProgress> progress = assertStartedThenFinished(id, STAGE);
        assertTrue(progress.get(1).millis() >= 0);
    }

    @Test
    void providerVoiceLocaleAndGenderPickTheLocalVoice() {
        TalkRequested denise = request("Bonjour, je suis ravie de vous rencontrer.", "fr-FR-DeniseNeural");
        TalkRequested henri = request("Bonjour, je suis ravi de vous rencontrer.", "fr-FR-HenriNeural");
        topics.send(Topics.REQUESTED, denise);
        topics.send(Topics.REQUESTED, henri);

        SpeechReady female = speechReady(denise.talkId(), 1).get(0).value();
        SpeechReady male = speechReady(henri.talkId(), 1).get(0).value();
        assertEquals("espeak-ng:fr-fr+f3", female.voice(), "French, and espeak-ng's female variant for Denise");
        assertEquals("espeak-ng:fr-fr", male.voice());
        assertEquals(female.voice(), store.getJson(female.visemesKey(), VisemeTrack.class).voice());
    }

    @Test
    void audioScriptIsDecodedLevelledAndGetsVisemesFromItsSound() {
        // A client's recording: espeak speech at 22.05 kHz, quiet, uploaded as POST /audios would store it.
        Speech spoken;
        try (EspeakSynthesizer espeak = new EspeakSynthesizer()) {
            spoken = espeak.synthesize("Ah, papa. Open the big window, please.", "en-us");
        }
        short[] quiet = new short[spoken.samples().length];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (short) (spoken.samples()[i] / 8);
        }
        String audioKey = ObjectKeys.upload(OWNER, TalkIds.audioId(), "recording.wav");
        store.put(audioKey, WavFile.encode(quiet, spoken.sampleRate()), "audio/wav");
        TalkRequested request = request(TalkSpec.Script.audio(store.s3Url(audioKey)), 1.5);
        topics.send(Topics.REQUESTED, request);

        SpeechReady ready = speechReady(request.talkId(), 1).get(0).value();
        Pcm speech = WavFile.decode(store.get(ready.speechKey()));
        assertEquals(16_000, speech.sampleRate(), "recordings are resampled to 16 kHz");
        assertEquals(spoken.durationSeconds() + 1.5, speech.durationSeconds(), 0.05,
                "the recording plus pad_audio's 1.5 s of silence");
        assertTrue(peak(speech.samples()) > 4 * peak(quiet), "the quiet recording was levelled up");
        VisemeTrack track = store.getJson(ready.visemesKey(), VisemeTrack.class);
        assertEquals("recording", track.voice());
        assertCovers(track);
        assertTrue(track.segments().stream().anyMatch(s -> s.viseme() == Viseme.AA || s.viseme() == Viseme.EH),
                "open vowels open the mouth: " + track.segments());
        VisemeSegment last = track.segments().get(track.segments().size() - 1);
        assertEquals(Viseme.REST, last.viseme(), "the padding is silence");
        assertTrue(last.end() - last.start() >= 1.5 - 1e-9, "the rest lasts at least the padding: " + last);
    }

    @Test
    void missingAudioFailsWithAudioErrorAndStoresNothing() {
        TalkRequested request = request(TalkSpec.Script.audio(
                store.s3Url(ObjectKeys.upload(OWNER, TalkIds.audioId(), "missing.wav"))), 0);
        topics.send(Topics.REQUESTED, request);

        TalkFailed failed = topics.await(Topics.FAILED, new EventDeserializers.Failed(), request.talkId(), 1)
                .get(0).value();
        assertEquals(ErrorKind.AudioError, failed.kind());
        assertEquals(List.of(), store.list(ObjectKeys.workPrefix(request.talkId())), "nothing is stored");
    }

    @Test
    void blankScriptFailsWithTextError() {
        TalkRequested request = request("   ", null);
        String id = request.talkId();
        topics.send(Topics.REQUESTED, request);

        TalkFailed failed = topics.await(Topics.FAILED, new EventDeserializers.Failed(), id, 1).get(0).value();
        assertEquals(id, failed.talkId());
        assertEquals(OWNER, failed.owner());
        assertEquals(STAGE, failed.stage());
        assertEquals(ErrorKind.TextError, failed.kind());
        assertTrue(failed.description() != null && !failed.description().isBlank());
        assertEquals(List.of(), store.list(ObjectKeys.workPrefix(id)), "nothing is stored for a failed talk");
        assertEquals(StageProgress.Phase.STARTED, topics.progress(id, 1).get(0).phase());
    }

    @Test
    void redeliveredRequestIsAnsweredFromTheStoredSpeech() {
        TalkRequested request = request("Once more, with feeling.", "en-GB-SoniaNeural");
        String id = request.talkId();
        topics.send(Topics.REQUESTED, request);
        SpeechReady first = speechReady(id, 1).get(0).value();
        byte[] wav = store.get(first.speechKey());
        byte[] visemes = store.get(first.visemesKey());

        topics.send(Topics.REQUESTED, request);
        List<ConsumerRecord<String, SpeechReady>> both = speechReady(id, 2);
        assertEquals(2, both.size());
        assertEquals(first, both.get(1).value(), "the redelivery re-emits the same event");
        // espeak-ng's samples differ slightly from call to call, so speaking again would change the bytes.
        assertArrayEquals(wav, store.get(first.speechKey()), "speech.wav was not synthesised again");
        assertArrayEquals(visemes, store.get(first.visemesKey()));
        assertEquals(List.of(StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED,
                        StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED),
                topics.progress(id, 4).stream().map(StageProgress::phase).toList());
    }

    private List<ConsumerRecord<String, SpeechReady>> speechReady(String talkId, int count) {
        return topics.await(Topics.SPEECH_READY, new EventDeserializers.SpeechReadyEvent(), talkId, count);
    }

    private static TalkRequested request(TalkSpec.Script script, double padAudio) {
        String id = TalkIds.talkId();
        TalkSpec.TalkConfig config = new TalkSpec.TalkConfig(false, "mp4", false, padAudio, null, null, true, 0.3,
                true, 1, 1, true);
        TalkSpec spec = TalkSpec.of("s3://opentalks/" + ObjectKeys.upload(OWNER, TalkIds.imageId(), "astronaut.png"),
                script, config);
        return new TalkRequested(id, OWNER, spec, Instant.now());
    }

    private static TalkRequested request(String text, String voiceId) {
        String id = TalkIds.talkId();
        TalkSpec.Provider provider = voiceId == null ? null : TalkSpec.Provider.of("microsoft", voiceId);
        TalkSpec spec = new TalkSpec("s3://opentalks/" + ObjectKeys.upload(OWNER, TalkIds.imageId(), "astronaut.png"),
                null, TalkSpec.Script.text(text, provider, false), TalkSpec.TalkConfig.DEFAULT, null, null,
                "user-data-" + id, null, null, false);
        return new TalkRequested(id, OWNER, spec, Instant.now());
    }

    /** Segments start at 0, follow each other without gaps or overlaps and end with the audio. */
    private static void assertCovers(VisemeTrack track) {
        List<VisemeSegment> segments = track.segments();
        assertTrue(!segments.isEmpty(), "no segments");
        assertEquals(0.0, segments.get(0).start(), 1e-9);
        for (int i = 1; i < segments.size(); i++) {
            assertEquals(segments.get(i - 1).end(), segments.get(i).start(), 1e-9, "gap or overlap at segment " + i);
        }
        assertEquals(track.durationSeconds(), segments.get(segments.size() - 1).end(), 1e-9);
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
