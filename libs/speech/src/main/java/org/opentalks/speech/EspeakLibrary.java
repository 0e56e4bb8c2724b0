package org.opentalks.speech;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of libespeak-ng's C API ({@code speak_lib.h}, espeak-ng 1.51) that the synthesizer and the
 * voice catalog use. Every call touches the library's global state: callers hold {@link EspeakEngine}'s lock.
 */
interface EspeakLibrary extends Library {

    int AUDIO_OUTPUT_SYNCHRONOUS = 2;

    int INITIALIZE_PHONEME_EVENTS = 0x0001;
    /** Without it a missing data directory makes espeak_Initialize call exit(1), taking the JVM down. */
    int INITIALIZE_DONT_EXIT = 0x8000;

    int POS_CHARACTER = 1;
    int CHARS_UTF8 = 1;
    int SSML = 0x10;

    int EE_OK = 0;

    int EVENT_LIST_TERMINATED = 0;
    int EVENT_WORD = 1;
    int EVENT_SENTENCE = 2;
    int EVENT_END = 5;
    int EVENT_MSG_TERMINATED = 6;
    int EVENT_PHONEME = 7;

    /** {@code espeak_EVENT} layout on LP64: six ints, a pointer, then an 8-byte union. */
    int EVENT_SIZE = 40;
    int EVENT_TYPE = 0;
    /** WORD events: the word's first character in the text (1-based, in characters) and its length. */
    int EVENT_TEXT_POSITION = 8;
    int EVENT_LENGTH = 12;
    int EVENT_SAMPLE = 20;
    int EVENT_ID = 32;
    int EVENT_ID_STRING_LENGTH = 8;

    /** {@code espeak_VOICE} layout on LP64: three char pointers, then the gender byte. */
    int VOICE_NAME = 0;
    int VOICE_LANGUAGES = 8;
    int VOICE_IDENTIFIER = 16;
    int VOICE_GENDER = 24;

    /** {@code int (short *wav, int numsamples, espeak_EVENT *events)}; returning 1 aborts synthesis. */
    interface SynthCallback extends Callback {
        int invoke(Pointer wav, int numsamples, Pointer events);
    }

    int espeak_Initialize(int output, int buflength, String path, int options);

    void espeak_SetSynthCallback(SynthCallback callback);

    int espeak_SetVoiceByName(String name);

    int espeak_ng_GetSampleRate();

    int espeak_Synth(Pointer text, long size, int position, int positionType, int endPosition, int flags,
            Pointer uniqueIdentifier, Pointer userData);

    int espeak_Synchronize();

    /** Returns a NULL-terminated array of {@code espeak_VOICE*}, owned by the library. */
    Pointer espeak_ListVoices(Pointer voiceSpec);

    /** {@code espeak_PARAMETER}: words per minute (80–450, default 175). */
    int PARAMETER_RATE = 1;
    /** Volume in percent (default 100). */
    int PARAMETER_VOLUME = 2;
    /** Base pitch, 0–100 (default 50). */
    int PARAMETER_PITCH = 3;
    /** Pitch range, 0–100 (default 50). */
    int PARAMETER_RANGE = 4;

    /** Sets a synthesis parameter for the following espeak_Synth calls; {@code relative} 0 for an absolute value. */
    int espeak_SetParameter(int parameter, int value, int relative);

    /** A parameter's value: {@code current} 1 for the value now in use, 0 for the default. */
    int espeak_GetParameter(int parameter, int current);

    /** {@code phonememode} of espeak_TextToPhonemes: phoneme names in IPA rather than espeak's mnemonics. */
    int PHONEMES_IPA = 0x02;

    /**
     * Translates text to phonemes, one clause per call: reads from {@code *textPtr} and advances it to the
     * next clause (NULL at the end); the returned string is the library's, valid until the next call.
     */
    String espeak_TextToPhonemes(com.sun.jna.ptr.PointerByReference textPtr, int textMode, int phonemeMode);
}
