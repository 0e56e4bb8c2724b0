package org.opentalks.speech;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one libespeak-ng of this process. espeak-ng keeps its voice, buffers and callback in globals, so it
 * is initialised once and every native call runs under {@link #LOCK}. It is never terminated: other
 * synthesizers may still use it, and the library does not promise a clean re-initialisation.
 */
final class EspeakEngine {

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static EspeakEngine instance;

    private final EspeakLibrary lib;
    /** Strongly held: JNA would otherwise let the native callback's trampoline be collected. */
    private final EspeakLibrary.SynthCallback callback = this::onSynth;
    /** The synthesis in progress; only touched under {@link #LOCK}, and the callback runs on the caller. */
    private Collector current;
    /** Installed voices, read once: the data directory does not change under a running process. */
    private List<Voice> voices;
    /**
     * The voice the last phonemisation selected, while no synthesis has run since; only touched under
     * {@link #LOCK}. espeak-ng 1.51 queues a copy of the voice on the wave generator's command queue at every
     * espeak_SetVoiceByName, and only synthesis drains that queue: some 24 selections in a row (a script
     * phonemised word by word) fill it, and the next synthesis then loses the events of its first phonemes.
     */
    private String phonemizingVoice;

    private EspeakEngine(EspeakLibrary lib) {
        this.lib = lib;
    }

    /** The process-wide engine, loaded and initialised on first use. */
    static EspeakEngine get() {
        LOCK.lock();
        try {
            if (instance == null) {
                instance = start();
            }
            return instance;
        } finally {
            LOCK.unlock();
        }
    }

    private static EspeakEngine start() {
        if (Native.POINTER_SIZE != 8) {
            throw new UnsupportedOperationException("espeak-ng binding assumes an LP64 platform (64-bit pointers)");
        }
        EspeakEngine engine = new EspeakEngine(load());
        int rate = engine.lib.espeak_Initialize(EspeakLibrary.AUDIO_OUTPUT_SYNCHRONOUS, 0, null,
                EspeakLibrary.INITIALIZE_PHONEME_EVENTS | EspeakLibrary.INITIALIZE_DONT_EXIT);
        // With DONT_EXIT a missing data directory only shows as a voice that cannot be loaded.
        if (rate <= 0 || engine.lib.espeak_SetVoiceByName("en") != EspeakLibrary.EE_OK) {
            throw new IllegalStateException("espeak-ng failed to initialise (no espeak-ng-data?): "
                    + "install espeak-ng and libespeak-ng1 (./opentalks setup)");
        }
        engine.lib.espeak_SetSynthCallback(engine.callback);
        return engine;
    }

    private static EspeakLibrary load() {
        try {
            // Debian ships only the soname without the -dev package.
            return Native.load("libespeak-ng.so.1", EspeakLibrary.class);
        } catch (UnsatisfiedLinkError soname) {
            try {
                return Native.load("espeak-ng", EspeakLibrary.class);
            } catch (UnsatisfiedLinkError plain) {
                plain.addSuppressed(soname);
                throw new IllegalStateException(
                        "libespeak-ng not found: install libespeak-ng1 (./opentalks setup)", plain);
            }
        }
    }

    /** Raw synthesis output: PCM and the sample index at which each phoneme starts. */
    record Output(short[] samples, int sampleRate, List<Mark> phonemes) {
    }

    /** A PHONEME event: its mnemonic and the absolute sample where it starts. */
    record Mark(String phoneme, int sample) {
    }

    /** A WORD event: where the word is in the text (1-based characters), and the absolute sample where it starts. */
    record WordMark(int textPosition, int length, int sample) {
    }

    /** A synthesis with the WORD events it raised. */
    record Timed(Output output, List<WordMark> words) {
    }

    Output synthesize(String text, String voiceName, boolean ssml) {
        return synthesizeTimed(text, voiceName, ssml).output();
    }

    Timed synthesizeTimed(String text, String voiceName, boolean ssml) {
        byte[] utf8 = text.replace('\0', ' ').getBytes(StandardCharsets.UTF_8);
        Memory buffer = new Memory(utf8.length + 1L);
        buffer.write(0, utf8, 0, utf8.length);
        buffer.setByte(utf8.length, (byte) 0);
        int flags = EspeakLibrary.CHARS_UTF8 | (ssml ? EspeakLibrary.SSML : 0);
        LOCK.lock();
        try {
            phonemizingVoice = null;
            selectVoice(voiceName);
            // A voice may bring its own rate (mbrola voices run at 16 kHz).
            int rate = lib.espeak_ng_GetSampleRate();
            Collector collector = new Collector(initialCapacity(utf8.length));
            current = collector;
            try {
                int status = lib.espeak_Synth(buffer, utf8.length + 1L, 0, EspeakLibrary.POS_CHARACTER, 0, flags,
                        null, null);
                lib.espeak_Synchronize();
                if (collector.failure != null) {
                    throw new IllegalStateException("espeak-ng callback failed", collector.failure);
                }
                if (status != EspeakLibrary.EE_OK) {
                    throw new IllegalStateException("espeak_Synth failed with status " + status);
                }
            } finally {
                current = null;
            }
            return new Timed(new Output(collector.samples(), rate, collector.marks), List.copyOf(collector.words));
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * The phonemes espeak-ng would speak for {@code text} with {@code voiceName}, clause by clause, as
     * mnemonics or (with {@link EspeakLibrary#PHONEMES_IPA} in {@code phonemeMode}) IPA; words are separated
     * by spaces. Piper voices are phonemised this way, as Piper itself does it.
     */
    List<String> phonemize(String text, String voiceName, int phonemeMode) {
        byte[] utf8 = text.replace('\0', ' ').getBytes(StandardCharsets.UTF_8);
        Memory buffer = new Memory(utf8.length + 1L);
        buffer.write(0, utf8, 0, utf8.length);
        buffer.setByte(utf8.length, (byte) 0);
        com.sun.jna.ptr.PointerByReference cursor = new com.sun.jna.ptr.PointerByReference(buffer);
        List<String> clauses = new ArrayList<>();
        LOCK.lock();
        try {
            // Selecting the same voice again would only queue another copy of it (see phonemizingVoice).
            if (!voiceName.equals(phonemizingVoice)) {
                selectVoice(voiceName);
                phonemizingVoice = voiceName;
            }
            while (cursor.getValue() != null) {
                String clause = lib.espeak_TextToPhonemes(cursor, EspeakLibrary.CHARS_UTF8, phonemeMode);
                if (clause != null && !clause.isBlank()) {
                    clauses.add(clause);
                }
            }
        } finally {
            LOCK.unlock();
        }
        return clauses;
    }

    /**
     * Runs {@code synthesis} with espeak's rate (words per minute), base pitch and pitch range (0–100) set,
     * and restores them afterwards, all under the process-wide lock that espeak-ng's global state needs.
     */
    <T> T withParameters(int wordsPerMinute, int pitch, int range, java.util.function.Supplier<T> synthesis) {
        LOCK.lock();
        try {
            int rate0 = lib.espeak_GetParameter(EspeakLibrary.PARAMETER_RATE, 1);
            int pitch0 = lib.espeak_GetParameter(EspeakLibrary.PARAMETER_PITCH, 1);
            int range0 = lib.espeak_GetParameter(EspeakLibrary.PARAMETER_RANGE, 1);
            lib.espeak_SetParameter(EspeakLibrary.PARAMETER_RATE, wordsPerMinute, 0);
            lib.espeak_SetParameter(EspeakLibrary.PARAMETER_PITCH, pitch, 0);
            lib.espeak_SetParameter(EspeakLibrary.PARAMETER_RANGE, range, 0);
            try {
                return synthesis.get();
            } finally {
                lib.espeak_SetParameter(EspeakLibrary.PARAMETER_RATE, rate0, 0);
                lib.espeak_SetParameter(EspeakLibrary.PARAMETER_PITCH, pitch0, 0);
                lib.espeak_SetParameter(EspeakLibrary.PARAMETER_RANGE, range0, 0);
            }
        } finally {
            LOCK.unlock();
        }
    }

    /** About 1,200 samples a byte of text at 22,050 Hz, capped at a minute so long texts grow instead. */
    private static int initialCapacity(int textBytes) {
        return (int) Math.min(22_050L * 60, Math.max(4_096L, textBytes * 1_200L));
    }

    /**
     * Selects a voice by name or file (espeak_SetVoiceByName), else by a language it speaks such as
     * {@code en-gb}, which SetVoiceByName does not accept (the espeak-ng CLI falls back the same way).
     */
    private void selectVoice(String voiceName) {
        if (lib.espeak_SetVoiceByName(voiceName) == EspeakLibrary.EE_OK) {
            return;
        }
        Voice best = VoiceCatalog.speaking(listVoices(), voiceName.toLowerCase(Locale.ROOT));
        if (best == null || lib.espeak_SetVoiceByName(best.identifier()) != EspeakLibrary.EE_OK) {
            throw new IllegalArgumentException("unknown espeak-ng voice '" + voiceName
                    + "': use a voice name or language from VoiceCatalog, e.g. en-us");
        }
    }

    /** The installed voices, as espeak_ListVoices(NULL) reports them (no variants, no mbrola voices). */
    List<Voice> listVoices() {
        LOCK.lock();
        try {
            if (voices == null) {
                voices = readVoices(lib.espeak_ListVoices(null));
            }
            return voices;
        } finally {
            LOCK.unlock();
        }
    }

    /** Reads the NULL-terminated {@code espeak_VOICE*} array. */
    private static List<Voice> readVoices(Pointer array) {
        List<Voice> out = new ArrayList<>();
        for (int i = 0; array != null; i++) {
            Pointer v = array.getPointer((long) i * Native.POINTER_SIZE);
            if (v == null) {
                break;
            }
            out.add(new Voice(string(v, EspeakLibrary.VOICE_NAME), string(v, EspeakLibrary.VOICE_IDENTIFIER),
                    languages(v.getPointer(EspeakLibrary.VOICE_LANGUAGES)),
                    gender(v.getByte(EspeakLibrary.VOICE_GENDER))));
        }
        return List.copyOf(out);
    }

    private static String string(Pointer struct, long offset) {
        Pointer p = struct.getPointer(offset);
        return p == null ? "" : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /** speak_lib.h: a run of (priority byte, NUL-terminated language), ended by a zero priority byte. */
    private static List<String> languages(Pointer p) {
        List<String> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        long offset = 0;
        while (p.getByte(offset) != 0) {
            String language = p.getString(offset + 1, StandardCharsets.US_ASCII.name());
            out.add(language);
            offset += 1 + language.length() + 1;
        }
        return out;
    }

    private static String gender(byte code) {
        return switch (code) {
            case 1 -> "male";
            case 2 -> "female";
            default -> "unspecified";
        };
    }

    private int onSynth(Pointer wav, int numsamples, Pointer events) {
        Collector collector = current;
        if (collector == null) {
            return 1;
        }
        try {
            if (wav != null && numsamples > 0) {
                collector.append(wav, numsamples);
            }
            if (events != null) {
                for (long at = 0; ; at += EspeakLibrary.EVENT_SIZE) {
                    int type = events.getInt(at + EspeakLibrary.EVENT_TYPE);
                    if (type == EspeakLibrary.EVENT_LIST_TERMINATED) {
                        break;
                    }
                    if (type == EspeakLibrary.EVENT_PHONEME) {
                        collector.marks.add(new Mark(idString(events, at + EspeakLibrary.EVENT_ID),
                                events.getInt(at + EspeakLibrary.EVENT_SAMPLE)));
                    } else if (type == EspeakLibrary.EVENT_WORD) {
                        collector.words.add(new WordMark(events.getInt(at + EspeakLibrary.EVENT_TEXT_POSITION),
                                events.getInt(at + EspeakLibrary.EVENT_LENGTH),
                                events.getInt(at + EspeakLibrary.EVENT_SAMPLE)));
                    }
                }
            }
            return 0;
        } catch (RuntimeException | Error e) {
            // Thrown into native code it would be lost; keep it for the caller and abort synthesis.
            collector.failure = e;
            return 1;
        }
    }

    /** The id union's char[8]: the phoneme mnemonic, NUL-terminated unless it fills all 8 bytes. */
    private static String idString(Pointer events, long offset) {
        byte[] bytes = events.getByteArray(offset, EspeakLibrary.EVENT_ID_STRING_LENGTH);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Accumulates one synthesis: a growing PCM buffer and the phoneme marks. */
    private static final class Collector {
        private short[] buffer;
        private int size;
        final List<Mark> marks = new ArrayList<>();
        final List<WordMark> words = new ArrayList<>();
        Throwable failure;

        Collector(int initialCapacity) {
            buffer = new short[initialCapacity];
        }

        void append(Pointer wav, int n) {
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(size + n, buffer.length * 2));
            }
            wav.read(0, buffer, size, n);
            size += n;
        }

        short[] samples() {
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }
    }
}
