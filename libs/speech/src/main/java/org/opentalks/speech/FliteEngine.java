package org.opentalks.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CMU flite's built-in English voices, run as the {@code flite} program (Debian package {@code flite}): the text
 * goes in a file, the audio comes back as a WAV file and the phones, in CMU's ARPAbet, from {@code -psdur}
 * ({@code phone:end} per segment, one line per utterance, each from 0).
 *
 * <p>Rate is flite's {@code duration_stretch} (1 / rate), applied to every state of every phone. Pitch is flite's
 * {@code f0_shift}, which multiplies the clustergen and diphone f0 targets ({@code cst_cg.c} cg_smooth_F0), so it
 * is exact in semitones; rms's f0 comes from a separate accent model that ignores it, so rms is shifted by
 * {@link PitchShifter} instead. flite does not say where words fall, so {@link Speech#words()} is empty.
 */
public final class FliteEngine implements SpeechEngine {
    public static final String ID = "flite";
    static final String INSTALL = "install flite: run ./opentalks setup (Debian package flite)";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern PHONE_END = Pattern.compile("(\\S+):(\\d+(?:\\.\\d+)?)");

    /** A voice and what flite calls it; whether flite's f0_shift reaches its f0. */
    private record FliteVoice(SpeechVoice voice, String fliteName, boolean nativePitch) {
    }

    /**
     * In the catalogue's order, best first by the intelligibility measured for this project (pocketsphinx word
     * error rate over Harvard sentences: rms 29.6 %, awb 38.4 %, kal 32.1 %, slt 42.8 %); kal is flite's 16 kHz
     * build of the kal diphone voice (plain {@code kal} is 8 kHz).
     */
    private static final List<FliteVoice> VOICES = List.of(
            new FliteVoice(voice("rms", "RMS (US English, male)", "en-US", Gender.MALE), "rms", false),
            new FliteVoice(voice("awb", "AWB (Scottish English, male)", "en-GB", Gender.MALE), "awb", true),
            new FliteVoice(voice("kal", "KAL (US English, male, diphone)", "en-US", Gender.MALE), "kal16", true),
            new FliteVoice(voice("slt", "SLT (US English, female)", "en-US", Gender.FEMALE), "slt", true));

    private final String program;
    private final Duration timeout;
    private volatile List<SpeechVoice> installed;

    /** flite from the PATH, two minutes at most a run. */
    public FliteEngine() {
        this("flite", DEFAULT_TIMEOUT);
    }

    /**
     * @param program the flite program, a name on the PATH or a path
     * @param timeout how long one synthesis may take before it is killed
     */
    public FliteEngine(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    private static SpeechVoice voice(String id, String name, String locale, Gender gender) {
        return new SpeechVoice(ID, id, name, locale, gender, List.of());
    }

    @Override
    public String id() {
        return ID;
    }

    /** The built-in voices this flite lists ({@code flite -lv}); none when flite is not installed. */
    @Override
    public List<SpeechVoice> voices() {
        List<SpeechVoice> voices = installed;
        if (voices == null) {
            List<String> listed;
            try (EngineProcess process = new EngineProcess(ID)) {
                String out = process.run(List.of(program, "-lv"), timeout, INSTALL);
                listed = List.of(out.replaceFirst("(?s).*?:", "").trim().split("\\s+"));
            } catch (SpeechException missing) {
                listed = List.of();
            }
            List<SpeechVoice> found = new ArrayList<>();
            for (FliteVoice v : VOICES) {
                if (listed.contains(v.fliteName())) {
                    found.add(v.voice());
                }
            }
            voices = List.copyOf(found);
            installed = voices;
        }
        return voices;
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        FliteVoice v = VOICES.stream().filter(f -> f.voice().id().equals(voice.id())).findFirst()
                .orElseThrow(() -> new SpeechException(SpeechException.Cause.VOICE, "flite has no voice '"
                        + voice.id() + "': use one of " + VOICES.stream().map(f -> f.voice().id()).toList()));
        try (EngineProcess process = new EngineProcess(ID)) {
            Path in = process.write("text.txt", text.replace('\0', ' '));
            Path wav = process.file("speech.wav");
            List<String> command = new ArrayList<>(List.of(program, "-voice", v.fliteName(), "--setf",
                    "duration_stretch=" + number(1 / prosody.rate())));
            boolean nativePitch = v.nativePitch() && prosody.pitchSemitones() != 0;
            if (nativePitch) {
                command.addAll(List.of("--setf", "f0_shift=" + number(prosody.pitchFactor())));
            }
            command.addAll(List.of("-psdur", "-f", in.toString(), "-o", wav.toString()));
            String out = process.run(command, timeout, INSTALL);
            if (!Files.exists(wav)) {
                throw new SpeechException(SpeechException.Cause.PROVIDER, "flite wrote no audio for voice "
                        + v.fliteName() + " (" + INSTALL + ")");
            }
            Pcm pcm = WavFile.decode(process.bytes(wav, "flite"));
            short[] samples = nativePitch ? pcm.samples()
                    : PitchShifter.shiftSemitones(pcm.samples(), pcm.sampleRate(), prosody.pitchSemitones());
            List<String> names = new ArrayList<>();
            List<Double> ends = new ArrayList<>();
            readPhones(out, names, ends);
            return new Speech(samples, pcm.sampleRate(), PhoneTiles.tile(names, ends, pcm.durationSeconds()),
                    voice.id(), ID, PhoneSet.ARPABET, List.of());
        }
    }

    /** {@code -psdur}'s lines, one per utterance with times from its own start, laid end to end. */
    static void readPhones(String out, List<String> names, List<Double> ends) {
        double offset = 0;
        for (String line : out.split("\n")) {
            Matcher m = PHONE_END.matcher(line);
            double last = 0;
            boolean any = false;
            while (m.find()) {
                last = Double.parseDouble(m.group(2));
                names.add(m.group(1).toLowerCase(Locale.ROOT));
                ends.add(offset + last);
                any = true;
            }
            if (any) {
                offset += last;
            }
        }
    }

    /** A plain decimal for flite's argument parser (no exponent, no locale's comma). */
    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
