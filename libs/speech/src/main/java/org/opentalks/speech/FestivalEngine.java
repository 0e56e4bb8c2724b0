package org.opentalks.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Festival Speech Synthesis System with CMU's SLT voice built for HTS (Debian packages {@code festival} and
 * {@code festvox-us-slt-hts}), run as {@code festival -b} on a Scheme script written per synthesis: the text is one
 * Scheme string literal (backslash and quote escaped, nothing else is interpreted), and the script prints the
 * Segment relation's phone ends and the Word relation's spans, which the HTS engine's own durations set.
 *
 * <p>Rate is the HTS engine's speed ({@code -r}, the one parameter festival's HTS module passes on besides the
 * model). That module has no pitch parameter (festival 2.5 {@code fest2hts_engine.cc} reads only {@code -m} and
 * {@code -r}), so pitch is shifted by {@link PitchShifter}.
 */
public final class FestivalEngine implements SpeechEngine {
    public static final String ID = "festival";
    static final String INSTALL = "install festival and festvox-us-slt-hts: run ./opentalks setup";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** Where Debian's festvox-us-slt-hts puts the voice. */
    private static final Path SLT_HTS = Path.of("/usr/share/festival/voices/us/cmu_us_slt_arctic_hts");

    public static final SpeechVoice SLT_HTS_VOICE = new SpeechVoice(ID, "slt-hts", "SLT HTS (US English, female)",
            "en-US", Gender.FEMALE, List.of());

    private final String program;
    private final Duration timeout;

    /** festival from the PATH, two minutes at most a run. */
    public FestivalEngine() {
        this("festival", DEFAULT_TIMEOUT);
    }

    /**
     * @param program the festival program, a name on the PATH or a path
     * @param timeout how long one synthesis may take before it is killed
     */
    public FestivalEngine(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return ID;
    }

    /** SLT HTS when its voice folder is installed. */
    @Override
    public List<SpeechVoice> voices() {
        return Files.isDirectory(SLT_HTS) ? List.of(SLT_HTS_VOICE) : List.of();
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        if (!SLT_HTS_VOICE.id().equals(voice.id())) {
            throw new SpeechException(SpeechException.Cause.VOICE, "festival has no voice '" + voice.id()
                    + "': use " + SLT_HTS_VOICE.id());
        }
        try (EngineProcess process = new EngineProcess(ID)) {
            Path wav = process.file("speech.wav");
            Path script = process.write("speak.scm", script(text, prosody.rate(), wav));
            String out = process.run(List.of(program, "-b", script.toString()), timeout, INSTALL);
            if (!Files.exists(wav)) {
                throw new SpeechException(SpeechException.Cause.PROVIDER, "festival wrote no audio (" + INSTALL + ")");
            }
            Pcm pcm = WavFile.decode(process.bytes(wav, "festival"));
            double duration = pcm.durationSeconds();
            List<String> names = new ArrayList<>();
            List<Double> ends = new ArrayList<>();
            List<WordTiming> words = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split(" ", 4);
                if (f.length == 3 && f[0].equals("P")) {
                    names.add(f[1].toLowerCase(Locale.ROOT));
                    ends.add(Double.parseDouble(f[2]));
                } else if (f.length == 4 && f[0].equals("W") && !f[3].isBlank()) {
                    double start = Math.min(duration, Double.parseDouble(f[1]));
                    words.add(new WordTiming(f[3], start, Math.max(start, Math.min(duration,
                            Double.parseDouble(f[2])))));
                }
            }
            if (names.isEmpty() && duration > 0) {
                throw new SpeechException(SpeechException.Cause.PROVIDER, "festival reported no phones ("
                        + INSTALL + ")");
            }
            short[] samples = PitchShifter.shiftSemitones(pcm.samples(), pcm.sampleRate(), prosody.pitchSemitones());
            return new Speech(samples, pcm.sampleRate(), PhoneTiles.tile(names, ends, duration), voice.id(), ID,
                    PhoneSet.ARPABET, words);
        }
    }

    /** The Scheme program: select the voice, set the speed, synthesize, save, print phones and words. */
    static String script(String text, double rate, Path wav) {
        return """
                (voice_cmu_us_slt_arctic_hts)
                (set! hts_engine_params (append hts_engine_params (list (list "-r" %s))))
                (set! opentalks_utt (Utterance Text "%s"))
                (utt.synth opentalks_utt)
                (utt.save.wave opentalks_utt "%s" 'riff)
                (mapcar (lambda (s) (format t "P %%s %%f\\n" (item.name s) (item.feat s "end")))
                        (utt.relation.items opentalks_utt 'Segment))
                (mapcar (lambda (w) (format t "W %%f %%f %%s\\n" (item.feat w "word_start") (item.feat w "word_end")
                                            (item.name w)))
                        (utt.relation.items opentalks_utt 'Word))
                """.formatted(String.format(Locale.ROOT, "%.6f", rate), literal(text), literal(wav.toString()));
    }

    /** The inside of a Scheme string literal: backslash and quote escaped, control characters as spaces. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == '\\' || c == '"') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
