package org.opentalks.speech.piper;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentalks.speech.EspeakPhonemizer;
import org.opentalks.speech.Gender;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PitchShifter;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechEngine;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechVoice;

/**
 * Piper voices that the operator mounts: every {@code <name>.onnx} with its {@code <name>.onnx.json} under one
 * directory (subdirectories included, as Piper's voice repository lays them out) is a voice with id {@code <name>};
 * a multi-speaker model is also one voice per speaker, {@code <name>@<speaker>}. Text is phonemised with espeak-ng
 * as Piper does it ({@link PiperPhonemizer}), turned into Piper's phoneme ids ({@link PhonemeIds}), and each sentence
 * is synthesised by ONNX Runtime on the CPU ({@link PiperModel}), peak-normalised like Piper's output, with
 * {@link Options#sentenceSilenceSeconds} of silence between sentences.
 *
 * <p>Rate is the model's own: length_scale divided by the rate. Pitch, which Piper cannot change, is shifted
 * afterwards ({@link PitchShifter}); volume is left to {@link org.opentalks.speech.UtteranceRenderer}. Phone timings
 * (in IPA) come from the model's per-id durations where it reports them and are otherwise estimated from the audio
 * ({@link PhoneAligner}).
 *
 * <p>Voices that cannot be loaded are left out, each with a sentence in {@link #problems()} (and the log) saying
 * what to fix. Thread-safe.
 */
public final class PiperEngine implements SpeechEngine {
    public static final String ID = "piper";
    /** The configuration property the services read the voice directory from. */
    public static final String DIRECTORY_PROPERTY = "opentalks.tts.piper-dir";
    static final String MODEL_SUFFIX = ".onnx";
    static final String CONFIG_SUFFIX = ".onnx.json";
    /** A word gap shorter than this is part of the phone before it rather than a pause. */
    static final double GAP_PAUSE_SECONDS = 0.05;
    /** Peak level of every sentence: Piper normalises to full scale; 1 dB below leaves room for the pitch shift. */
    static final double PEAK = 0.891;

    private static final System.Logger LOG = System.getLogger(PiperEngine.class.getName());
    private static final int MAX_DEPTH = 8;

    /**
     * @param sentenceSilenceSeconds silence between sentences at rate 1 (Piper's C++ default is 0.2 s)
     * @param threads                ONNX Runtime intra-op threads per inference; 0 for its default, one per core
     */
    public record Options(double sentenceSilenceSeconds, int threads) {
        public static final Options DEFAULT = new Options(0.2, 0);

        public Options {
            if (!(sentenceSilenceSeconds >= 0 && sentenceSilenceSeconds <= 5) || threads < 0) {
                throw new IllegalArgumentException("sentence silence must be 0–5 s and threads ≥ 0, got "
                        + sentenceSilenceSeconds + " s and " + threads);
            }
        }
    }

    /** One loaded model and what speaks with it. */
    private record Model(String id, Path file, PiperVoiceConfig config, PiperModel session,
                         PiperPhonemizer phonemizer, Set<String> reportedMissing) {
    }

    /** A listed voice: its model and speaker. */
    private record Entry(SpeechVoice voice, Model model, int sid) {
    }

    private final Path directory;
    private final Options options;
    private final List<Model> models = new ArrayList<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> problemsById = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public PiperEngine(Path directory) {
        this(directory, Options.DEFAULT);
    }

    /**
     * Scans {@code directory} and loads every voice in it.
     *
     * @throws IllegalArgumentException if {@code directory} is not a directory
     */
    public PiperEngine(Path directory, Options options) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the Piper voice directory " + directory + " does not exist: mount "
                    + "the voices (<name>.onnx with <name>.onnx.json) there, or set " + DIRECTORY_PROPERTY);
        }
        this.directory = directory;
        this.options = options;
        OrtEnvironment environment = PiperModel.environment();
        EspeakPhonemizer espeak = new EspeakPhonemizer();
        for (Path file : files(directory)) {
            load(environment, espeak, file);
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("no Piper voices in " + directory + ": put <name>.onnx and <name>.onnx.json there");
        }
        problems.forEach(p -> LOG.log(System.Logger.Level.WARNING, p));
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Piper voice directory " + directory, e);
        }
    }

    private void load(OrtEnvironment environment, EspeakPhonemizer espeak, Path file) {
        String fileName = file.getFileName().toString();
        String shown = directory.relativize(file).toString();
        if (fileName.endsWith(CONFIG_SUFFIX)) {
            Path model = file.resolveSibling(fileName.substring(0, fileName.length() - ".json".length()));
            if (!Files.isRegularFile(model)) {
                problems.add(shown + " has no " + model.getFileName() + " next to it: a Piper voice is both files; "
                        + "download the .onnx too");
            }
            return;
        }
        if (!fileName.endsWith(MODEL_SUFFIX)) {
            return;
        }
        String id = fileName.substring(0, fileName.length() - MODEL_SUFFIX.length());
        Path configFile = file.resolveSibling(fileName + ".json");
        try {
            if (!Files.isRegularFile(configFile)) {
                throw new PiperVoiceException(shown + " has no " + configFile.getFileName() + " next to it: a Piper "
                        + "voice is <name>.onnx with its <name>.onnx.json; download the config too");
            }
            Model existing = models.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
            if (existing != null) {
                throw new PiperVoiceException(shown + " has the same name as " + directory.relativize(existing.file())
                        + ": voice ids come from file names; rename or remove one");
            }
            PiperVoiceConfig config = PiperVoiceConfig.read(configFile);
            PiperModel session = PiperModel.open(environment, file, config, options.threads());
            Model model = new Model(id, file, config, session,
                    new PiperPhonemizer(espeak, config.espeakVoice(), config.phonemeMap()),
                    ConcurrentHashMap.newKeySet());
            models.add(model);
            list(model);
        } catch (SpeechException e) {
            problemsById.put(id, e.getMessage());
            problems.add(e.getMessage());
        }
    }

    /** The model's voice, and one per speaker of a multi-speaker model. */
    private void list(Model model) {
        PiperVoiceConfig config = model.config();
        String locale = locale(config);
        String about = about(config);
        String dataset = config.dataset().isBlank() ? model.id() : config.dataset();
        entries.put(model.id(), new Entry(new SpeechVoice(ID, model.id(), dataset + about, locale,
                gender(config.gender(), model.id()), List.of()), model, 0));
        if (!config.multiSpeaker()) {
            return;
        }
        Map<String, Integer> speakers = config.speakerIds();
        if (speakers.isEmpty()) {
            speakers = new LinkedHashMap<>();
            for (int sid = 0; sid < config.numSpeakers(); sid++) {
                speakers.put(Integer.toString(sid), sid);
            }
        }
        speakers.forEach((speaker, sid) -> {
            String id = model.id() + "@" + speaker;
            entries.put(id, new Entry(new SpeechVoice(ID, id, speaker + ", " + dataset + about, locale,
                    gender(config.gender(), model.id() + "-" + speaker), List.of()), model, sid));
        });
    }

    private static String about(PiperVoiceConfig config) {
        List<String> parts = Stream.of(config.languageName(), config.countryName(), config.quality())
                .filter(s -> s != null && !s.isBlank()).toList();
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** {@code en_US} (language.code, or espeak.voice {@code en-us}) as BCP 47 {@code en-US}. */
    static String locale(PiperVoiceConfig config) {
        String code = config.languageCode().isBlank() ? config.espeakVoice() : config.languageCode();
        String[] parts = code.split("[-_]");
        String language = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length > 1 && parts[1].matches("[A-Za-z]{2}|\\d{3}")) {
            return language + "-" + parts[1].toUpperCase(Locale.ROOT);
        }
        return language;
    }

    /** The config's gender if it has one, else a {@code female}/{@code male} word in the file or speaker name. */
    static Gender gender(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return Gender.of(configured);
        }
        for (String token : name.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            switch (token) {
                case "female", "woman", "women", "girl" -> {
                    return Gender.FEMALE;
                }
                case "male", "man", "men", "boy" -> {
                    return Gender.MALE;
                }
                default -> {
                }
            }
        }
        return Gender.UNSPECIFIED;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<SpeechVoice> voices() {
        return entries.values().stream().map(Entry::voice).toList();
    }

    /** Why voices in the directory were left out, one sentence each; empty when all loaded. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The config of a listed voice's model. */
    public PiperVoiceConfig config(SpeechVoice voice) {
        return entry(voice).model().config();
    }

    /** Whether the voice's model reports per-id durations, so that its phone timings are exact. */
    public boolean reportsDurations(SpeechVoice voice) {
        return entry(voice).model().session().durationOutput().isPresent();
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        Entry entry = entry(voice);
        if (text == null || text.isBlank()) {
            return render(entry, List.of(), prosody);
        }
        List<PiperPhonemizer.Sentence> sentences;
        try {
            sentences = entry.model().phonemizer().sentences(text);
        } catch (IllegalArgumentException e) {
            throw new SpeechException(SpeechException.Cause.VOICE, voice.label() + " phonemises with espeak-ng "
                    + "voice '" + entry.model().config().espeakVoice() + "', which is not installed: "
                    + e.getMessage(), e);
        }
        return render(entry, sentences, prosody);
    }

    @Override
    public boolean readsAlphabet(String alphabet) {
        return "ipa".equalsIgnoreCase(alphabet);
    }

    @Override
    public Speech speakPhonemes(String alphabet, String phonemes, SpeechVoice voice, Prosody prosody) {
        if (!readsAlphabet(alphabet)) {
            throw new UnsupportedOperationException(ID + " reads IPA phonemes, not " + alphabet);
        }
        Entry entry = entry(voice);
        PiperPhonemizer.Sentence sentence = PiperPhonemizer.raw(phonemes);
        return render(entry, sentence.phonemes().length == 0 ? List.of() : List.of(sentence), prosody);
    }

    private Entry entry(SpeechVoice voice) {
        Entry entry = voice == null ? null : entries.get(voice.id());
        if (entry == null || !ID.equals(voice.engine())) {
            String id = voice == null ? "null" : voice.label();
            String why = voice == null ? null : problemsById.get(voice.id().split("@", 2)[0]);
            throw new SpeechException(SpeechException.Cause.VOICE, why != null ? id + " cannot be used: " + why
                    : ID + " has no voice " + id + "; its voices are " + entries.keySet());
        }
        return entry;
    }

    private Speech render(Entry entry, List<PiperPhonemizer.Sentence> sentences, Prosody prosody) {
        Model model = entry.model();
        PiperVoiceConfig config = model.config();
        int rate = config.sampleRate();
        float lengthScale = (float) (config.lengthScale() / prosody.rate());
        int silence = (int) Math.round(options.sentenceSilenceSeconds() / prosody.rate() * rate);
        Timeline timeline = new Timeline(rate);
        for (int s = 0; s < sentences.size(); s++) {
            PiperPhonemizer.Sentence sentence = sentences.get(s);
            PhonemeIds.Encoded encoded = config.phonemeIds().encode(sentence.phonemes());
            reportMissing(model, encoded.missing());
            PiperModel.Output out = model.session().run(encoded.ids(), config.noiseScale(), lengthScale,
                    config.noiseW(), entry.sid());
            List<PhoneUnits.Unit> units = PhoneUnits.of(sentence.phonemes(), encoded);
            int[] samples = out.samplesPerId() != null ? perUnit(units, out.samplesPerId())
                    : PhoneAligner.align(out.audio(), rate, units, true);
            timeline.sentence(normalised(out.audio()), units, samples, sentence.words());
            if (s < sentences.size() - 1) {
                timeline.silence(silence);
            }
        }
        short[] pcm = timeline.samples();
        if (prosody.pitchSemitones() != 0) {
            pcm = PitchShifter.shiftSemitones(pcm, rate, prosody.pitchSemitones());
        }
        return new Speech(pcm, rate, timeline.phones(), entry.voice().id(), ID, PhoneSet.IPA, timeline.words());
    }

    private static int[] perUnit(List<PhoneUnits.Unit> units, int[] samplesPerId) {
        int[] out = new int[units.size()];
        for (int k = 0; k < out.length; k++) {
            for (int i = units.get(k).idFrom(); i < units.get(k).idTo(); i++) {
                out[k] += samplesPerId[i];
            }
        }
        return out;
    }

    private static void reportMissing(Model model, Set<String> missing) {
        for (String phoneme : missing) {
            if (model.reportedMissing().add(phoneme)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: phoneme \"{1}\" (U+{2}) is not in the voice''s "
                        + "phoneme_id_map and is skipped, as Piper skips it", model.id(), phoneme,
                        String.format("%04X", phoneme.codePointAt(0)));
            }
        }
    }

    /** 16-bit PCM peak-normalised as Piper does it (a gain of at most ×100, so that silence stays silent). */
    static short[] normalised(float[] audio) {
        double peak = 0;
        for (float v : audio) {
            peak = Math.max(peak, Math.abs(v));
        }
        double gain = PEAK * Short.MAX_VALUE / Math.max(0.01, peak);
        short[] pcm = new short[audio.length];
        for (int i = 0; i < audio.length; i++) {
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(audio[i] * gain)));
        }
        return pcm;
    }

    @Override
    public void close() {
        models.forEach(m -> m.session().close());
    }

    @Override
    public String toString() {
        return ID + " voices in " + directory + ": " + entries.keySet().stream().collect(Collectors.joining(", "));
    }
}
