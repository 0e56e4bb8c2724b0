package org.opentalks.tts.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.document.WordTrack;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.media.AudioDecoder;
import org.opentalks.media.UnusableMediaException;
import org.opentalks.service.fetch.FetchException;
import org.opentalks.service.fetch.FetchKind;
import org.opentalks.service.fetch.Fetched;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.service.secrets.ClientKeySeal;
import org.opentalks.service.stage.Workspace;
import org.opentalks.speech.AudioVisemes;
import org.opentalks.speech.Loudness;
import org.opentalks.speech.NoiseReduction;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.ScriptWords;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.SsmlParser;
import org.opentalks.speech.Utterance;
import org.opentalks.speech.UtteranceRenderer;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.VoiceCatalogue;
import org.opentalks.speech.WavFile;
import org.opentalks.speech.WordTiming;
import org.opentalks.speech.cloud.ClientKeys;
import org.opentalks.speech.cloud.CloudScript;
import org.opentalks.speech.cloud.CloudSpeech;
import org.opentalks.store.ObjectStore;
import org.opentalks.transcribe.RecognisedVisemes;
import org.opentalks.transcribe.RecognisedWord;
import org.opentalks.transcribe.Transcriber;
import org.opentalks.transcribe.Transcribers;
import org.opentalks.transcribe.Transcript;

/**
 * Produces a talk's speech and stores {@code speech.wav} and {@code visemes.json}: a text script (or SSML)
 * is spoken by the named local voice, or by the local voice that stands in for a provider's (visemes from
 * the engine's phone timings); an audio script is fetched, decoded to
 * 16 kHz mono, optionally cleaned ({@code reduce_noise}), levelled, and its visemes estimated from
 * the sound. {@code config.pad_audio} seconds of silence are appended either way.
 */
@ApplicationScoped
public class SpeechService {
    /** D-ID's limit on an audio script's length for talks. */
    static final double MAX_AUDIO_SECONDS = 600;
    /** How a recording is named where a synthetic voice would be. */
    static final String RECORDING = "recording";

    private final ObjectStore store;
    private final SafeFetcher fetcher;
    private static final Logger LOG = Logger.getLogger(SpeechService.class);

    /** A recording's transcript is trusted for mouth shapes and subtitles above this mean word confidence. */
    static final double TRUSTED_CONFIDENCE = 0.6;

    private final SpeechEngines engines;
    private final CloudSpeech cloud;
    private final ClientKeySeal seal;
    private final Transcribers transcribers;
    private final ScriptWords scriptWords = new ScriptWords();
    private final RecognisedVisemes recognisedVisemes = new RecognisedVisemes();
    private final VisemeMapper visemes = new VisemeMapper();
    private final AudioVisemes audioVisemes = new AudioVisemes();
    private final NoiseReduction noiseReduction = new NoiseReduction();
    private final Loudness loudness = new Loudness();

    SpeechService(ObjectStore store, SafeFetcher fetcher, SpeechEngines engines, CloudSpeech cloud, ClientKeySeal seal,
                  Transcribers transcribers) {
        this.store = store;
        this.fetcher = fetcher;
        this.engines = engines;
        this.cloud = cloud;
        this.seal = seal;
        this.transcribers = transcribers;
    }

    /**
     * Speaks one sentence at start-up with the default voice and throws it away, so that the first talk
     * does not pay for loading voice data and compiling the speech path (about half a second, measured).
     */
    void warmUp(@Observes StartupEvent event) {
        SpeechVoice voice = engines.catalogue().defaultVoice();
        Speech speech = new UtteranceRenderer(engines.engine(voice.engine()))
                .speak(Utterance.plain("Warming up."), voice, Prosody.NEUTRAL);
        WavFile.encode(speech.samples(), speech.sampleRate());
        visemes.track(speech);
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
        Voiced voiced = script != null && script.isAudio() ? recording(talkId, event.owner(), script)
                : synthesized(event, script);
        Voiced padded = padded(voiced, event.spec().config().padAudio());
        store.put(wavKey, WavFile.encode(padded.pcm().samples(), padded.pcm().sampleRate()), "audio/wav");
        if (script != null && script.subtitles()) {
            store.putJson(ObjectKeys.work(talkId, ObjectKeys.WORDS_JSON), padded.words());
        }
        store.putJson(visemesKey, padded.track());
        return new SpeechReady(talkId, event.owner(), event.spec(), wavKey, visemesKey,
                padded.track().durationSeconds(), padded.track().voice());
    }

    /** Speech samples, their mouth shapes, and (for subtitles) their words. */
    record Voiced(Pcm pcm, VisemeTrack track, WordTrack words) {
    }

    private Voiced synthesized(TalkRequested event, TalkSpec.Script script) {
        if (script == null || script.input() == null || script.input().isBlank()) {
            throw new StageFailure(ErrorKind.TextError, "The script has no text to speak.");
        }
        TalkSpec.Provider provider = script.provider();
        ClientKeys keys = clientKeys(event);
        if (provider != null && cloud.available(provider.type(), keys)) {
            // The provider's own voice, with the operator's key or the client's.
            Speech speech;
            try {
                speech = cloud.speak(CloudScript.of(script), keys);
            } catch (SpeechException e) {
                throw failure(e);
            }
            return new Voiced(pcm(speech), cloud.visemes(speech),
                    script.subtitles() ? words(speech, writtenText(script), null) : null);
        }
        // A local voice (as GET /tts/voices lists them) is used as named; any other provider's voice speaks
        // with the closest local voice by locale and gender.
        VoiceCatalogue.StandIn standIn = engines.catalogue().standIn(provider == null ? null : provider.type(),
                provider == null ? null : provider.voiceId());
        Utterance utterance;
        Prosody prosody;
        try {
            utterance = script.ssml() ? SsmlParser.parse(script.input()) : Utterance.plain(script.input());
            prosody = Prosody.of(provider == null ? null : provider.voiceConfig());
        } catch (IllegalArgumentException unreadable) {
            throw new StageFailure(ErrorKind.TextError, "The script cannot be spoken: " + unreadable.getMessage());
        }
        Speech speech;
        try {
            speech = new UtteranceRenderer(engines.engine(standIn.voice().engine()))
                    .speak(utterance, standIn.voice(), prosody);
        } catch (SpeechException e) {
            throw failure(e);
        }
        if (speech.samples().length == 0) {
            throw new StageFailure(ErrorKind.TextError, "The script produced no speech.");
        }
        LOG.debugf("%s speaks for %s", speech.label(), standIn.reason());
        return new Voiced(pcm(speech), visemes.track(speech),
                script.subtitles() ? words(speech, utterance.text(), standIn.voice()) : null);
    }

    /**
     * The script's words and when they are spoken: the engine's own word times where it has them; else the
     * script's words aligned to espeak-ng's phones; else (other engines) to the words a recogniser hears in
     * the speech, where there is a recogniser for the language; else none.
     */
    private WordTrack words(Speech speech, String text, SpeechVoice voice) {
        if (!speech.words().isEmpty()) {
            return wordTrack(speech.durationSeconds(), "engine", speech.words());
        }
        if (speech.phoneSet() == PhoneSet.ESPEAK && voice != null && Speech.ESPEAK.equals(voice.engine())) {
            return wordTrack(speech.durationSeconds(), "phones", scriptWords.fromPhones(text, speech, voice.id()));
        }
        String language = voice == null ? "en" : voice.locale();
        Optional<Transcriber> transcriber = transcribers.forLanguage(language);
        if (transcriber.isPresent()) {
            Transcript heard = transcriber.get().transcribe(pcm(speech));
            return wordTrack(speech.durationSeconds(), "recognised", ScriptWords.fromRecognised(text, heard.timings()));
        }
        return wordTrack(speech.durationSeconds(), "none", List.of());
    }

    private static WordTrack wordTrack(double duration, String source, List<? extends WordTiming> words) {
        return new WordTrack(duration, source, words.stream()
                .map(w -> new WordTrack.Word(w.word(), w.start(), w.end())).toList());
    }

    /** The words a listener hears, for subtitles: SSML's text, or the plain text. */
    private static String writtenText(TalkSpec.Script script) {
        try {
            return script.ssml() ? SsmlParser.parse(script.input()).text() : script.input();
        } catch (IllegalArgumentException unreadable) {
            return script.input();
        }
    }

    /** The client's own provider keys, sealed by the gateway for this talk. */
    private ClientKeys clientKeys(TalkRequested event) {
        if (event.sealedClientKeys() == null) {
            return ClientKeys.NONE;
        }
        try {
            return ClientKeys.parse(seal.open(event.sealedClientKeys(), event.talkId()));
        } catch (IllegalArgumentException e) {
            throw new StageFailure(ErrorKind.TextError, "The provider keys sent in x-api-key-external could not be "
                    + "used: " + e.getMessage());
        }
    }

    /** A speech engine's refusal as the talk's error: the script or voice, or the provider being unavailable. */
    private static StageFailure failure(SpeechException e) {
        ErrorKind kind = e.reason() == SpeechException.Cause.PROVIDER ? ErrorKind.InternalServerError
                : ErrorKind.TextError;
        return new StageFailure(kind, e.getMessage(), e);
    }

    private static Pcm pcm(Speech speech) {
        return new Pcm(speech.samples(), speech.sampleRate());
    }

    private Voiced recording(String talkId, String owner, TalkSpec.Script script) {
        short[] samples;
        try (Workspace workspace = new Workspace(talkId)) {
            Fetched audio = fetcher.fetch(script.audioUrl(), owner, FetchKind.AUDIO);
            Path file = workspace.file("script." + audio.extension());
            Files.write(file, audio.bytes());
            samples = AudioDecoder.decode(file, MAX_AUDIO_SECONDS);
        } catch (FetchException e) {
            throw e.toStageFailure(ErrorKind.AudioError);
        } catch (UnusableMediaException e) {
            throw new StageFailure(ErrorKind.AudioError, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (samples.length == 0) {
            throw new StageFailure(ErrorKind.AudioError, "The audio " + script.audioUrl() + " holds no sound.");
        }
        Pcm pcm = new Pcm(samples, AudioDecoder.SAMPLE_RATE);
        if (script.reduceNoise()) {
            pcm = noiseReduction.reduce(pcm);
        }
        Pcm levelled = loudness.normalize(pcm);
        // English speech gets its words recognised: sharper mouth timing (closures on p/b/m, rests in the
        // pauses) and subtitles. A recording the recogniser is unsure of (another language, music, noise)
        // keeps the estimate from its loudness alone, and no subtitles.
        Optional<Transcript> heard = transcribers.forLanguage("en").map(t -> t.transcribe(levelled))
                .filter(SpeechService::trusted);
        if (heard.isEmpty()) {
            return new Voiced(levelled, audioVisemes.track(levelled, RECORDING),
                    wordTrack(levelled.durationSeconds(), "none", List.of()));
        }
        return new Voiced(levelled, recognisedVisemes.track(heard.get(), levelled.sampleRate(), RECORDING),
                wordTrack(levelled.durationSeconds(), "recognised", heard.get().timings()));
    }

    /** Enough words, heard with enough confidence, to time the mouth by them. */
    static boolean trusted(Transcript transcript) {
        return !transcript.words().isEmpty() && transcript.words().stream()
                .mapToDouble(RecognisedWord::confidence).average().orElse(0) >= TRUSTED_CONFIDENCE;
    }

    /** Appends {@code seconds} of silence to the sound, and a rest pose to the mouth shapes. */
    static Voiced padded(Voiced voiced, double seconds) {
        int extra = (int) Math.round(seconds * voiced.pcm().sampleRate());
        if (extra <= 0) {
            return voiced;
        }
        short[] samples = Arrays.copyOf(voiced.pcm().samples(), voiced.pcm().samples().length + extra);
        Pcm pcm = new Pcm(samples, voiced.pcm().sampleRate());
        VisemeTrack track = voiced.track();
        List<VisemeSegment> segments = new ArrayList<>(track.segments());
        segments.add(new VisemeSegment(Viseme.REST, track.durationSeconds(), pcm.durationSeconds(), "_"));
        WordTrack words = voiced.words() == null ? null
                : new WordTrack(pcm.durationSeconds(), voiced.words().source(), voiced.words().words());
        return new Voiced(pcm, new VisemeTrack(pcm.durationSeconds(), track.sampleRate(), track.voice(), segments),
                words);
    }

}
