package org.opentalks.tts.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.Speech;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.VoiceCatalog;
import org.opentalks.speech.WavFile;

/** Speaks a talk's text script and stores {@code speech.wav} and {@code visemes.json}. */
@ApplicationScoped
public class SpeechService {
    private final ObjectStore store;
    private final EspeakSynthesizer espeak;
    private final VoiceCatalog voices;
    private final VisemeMapper visemes = new VisemeMapper();

    SpeechService(ObjectStore store) {
        this.store = store;
        this.espeak = new EspeakSynthesizer();
        this.voices = VoiceCatalog.installed();
    }

    public SpeechReady speak(TalkRequested event) {
        String talkId = event.talkId();
        String wavKey = ObjectKeys.work(talkId, ObjectKeys.SPEECH_WAV);
        String visemesKey = ObjectKeys.work(talkId, ObjectKeys.VISEMES_JSON);
        // visemes.json is written last, so its presence means a redelivered event's work is done.
        if (store.exists(visemesKey)) {
            VisemeTrack done = store.getJson(visemesKey, VisemeTrack.class);
            return new SpeechReady(talkId, event.owner(), event.spec(), wavKey, visemesKey, done.durationSeconds(),
                    done.voice());
        }
        TalkSpec.Script script = event.spec().script();
        if (script == null || !"text".equals(script.type()) || script.input() == null || script.input().isBlank()) {
            throw new StageFailure(ErrorKind.TextError, "The script has no text to speak.");
        }
        String voice = voices.espeakVoiceFor(script.provider() == null ? null : script.provider().voiceId());
        Speech speech = espeak.synthesize(script.input(), voice, script.ssml());
        if (speech.samples().length == 0) {
            throw new StageFailure(ErrorKind.TextError, "The script produced no speech.");
        }
        VisemeTrack track = visemes.track(speech);
        store.put(wavKey, WavFile.encode(speech.samples(), speech.sampleRate()), "audio/wav");
        store.putJson(visemesKey, track);
        return new SpeechReady(talkId, event.owner(), event.spec(), wavKey, visemesKey, track.durationSeconds(),
                track.voice());
    }

    @PreDestroy
    void close() {
        espeak.close();
    }
}
