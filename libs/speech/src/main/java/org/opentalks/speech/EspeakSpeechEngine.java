package org.opentalks.speech;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * espeak-ng (through libespeak-ng, {@link EspeakSynthesizer}'s binding) as a {@link SpeechEngine}: every installed
 * language voice, and for each a female variant ({@code <language>+f3}, espeak-ng's variant f3), since espeak-ng's
 * own voices all speak with its default male formants.
 *
 * <p>Rate is espeak's words per minute: 175 (its default, speak_lib.h) × the rate, within the 80–450 it accepts,
 * so rates below 0.46 or above 2.57 speak at the nearest end. Pitch is not espeak's: its pitch parameter moves only
 * the floor of the intonation contour (wavegen.c SetPitch2 scales the base, not the range), which measured +2.9
 * semitones where +4.8 was asked, and its SSML {@code <prosody pitch>} goes through the same parameter; so speech is
 * synthesized at espeak's own pitch and shifted by {@link PitchShifter}, which measures within a few percent. Word
 * timings come from espeak's WORD events, which carry each word's place in the text.
 */
public final class EspeakSpeechEngine implements SpeechEngine {
    public static final String ID = Speech.ESPEAK;
    /** espeak-ng's default rate and the range espeak_SetParameter accepts (speak_lib.h). */
    static final int DEFAULT_WPM = 175;
    static final int MIN_WPM = 80;
    static final int MAX_WPM = 450;
    /** espeak-ng's variant with a female voice's formants and pitch (espeak-ng-data/voices/!v/f3). */
    static final String FEMALE_VARIANT = "+f3";
    private static final int DEFAULT_PITCH = 50;
    private static final int DEFAULT_RANGE = 50;

    private final EspeakEngine espeak;
    /** Voice id → what espeak_SetVoiceByName is given: the voice file, with the variant for female voices. */
    private final Map<String, String> espeakNames = new LinkedHashMap<>();
    private final List<SpeechVoice> voices;

    /**
     * @throws IllegalStateException if libespeak-ng or its data are not installed (run ./opentalks setup)
     */
    public EspeakSpeechEngine() {
        this.espeak = EspeakEngine.get();
        List<SpeechVoice> list = new ArrayList<>();
        for (Voice v : espeak.listVoices()) {
            if (v.languages().isEmpty()) {
                continue;
            }
            String language = v.languages().get(0);
            if (espeakNames.containsKey(language)) {
                continue;
            }
            String locale = locale(language);
            String name = v.name().replace('_', ' ');
            Gender gender = Gender.of(v.gender()) == Gender.FEMALE ? Gender.FEMALE : Gender.MALE;
            espeakNames.put(language, v.identifier());
            list.add(new SpeechVoice(ID, language, name + " (espeak-ng, " + gender.label().toLowerCase(Locale.ROOT)
                    + ")", locale, gender, List.of()));
            if (gender == Gender.MALE) {
                String female = language + FEMALE_VARIANT;
                espeakNames.put(female, v.identifier() + FEMALE_VARIANT);
                list.add(new SpeechVoice(ID, female, name + " (espeak-ng, female variant)", locale, Gender.FEMALE,
                        List.of()));
            }
        }
        this.voices = List.copyOf(list);
    }

    /** A BCP 47 locale for an espeak language: {@code en-us} → {@code en-US}, {@code es-419} → {@code es-419}. */
    static String locale(String language) {
        return Locale.forLanguageTag(language).toLanguageTag();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<SpeechVoice> voices() {
        return voices;
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        String name = espeakNames.get(voice.id());
        if (name == null) {
            throw new SpeechException(SpeechException.Cause.VOICE, "espeak-ng has no voice '" + voice.id()
                    + "': use a voice id that GET /tts/voices lists for espeak-ng, e.g. en-us or fr-fr+f3");
        }
        int wpm = (int) Math.max(MIN_WPM, Math.min(MAX_WPM, Math.round(DEFAULT_WPM * prosody.rate())));
        EspeakEngine.Timed timed = espeak.withParameters(wpm, DEFAULT_PITCH, DEFAULT_RANGE,
                () -> espeak.synthesizeTimed(text, name, false));
        EspeakEngine.Output out = timed.output();
        int total = out.samples().length;
        List<PhonemeTiming> phones = EspeakSynthesizer.timings(out.phonemes(), total, out.sampleRate());
        double duration = (double) total / out.sampleRate();
        List<WordTiming> words = words(text, timed.words(), phones, out.sampleRate(), duration);
        short[] samples = PitchShifter.shiftSemitones(out.samples(), out.sampleRate(), prosody.pitchSemitones());
        return new Speech(samples, out.sampleRate(), phones, voice.id(), ID, PhoneSet.ESPEAK, words);
    }

    /**
     * Words from WORD events: each starts at its event and ends at the last phone that is not a pause before the
     * next word starts (or the audio ends); the word is the text at the event's position (1-based characters).
     */
    static List<WordTiming> words(String text, List<EspeakEngine.WordMark> marks, List<PhonemeTiming> phones,
                                  int sampleRate, double duration) {
        int[] characters = text.codePoints().toArray();
        List<WordTiming> out = new ArrayList<>(marks.size());
        for (int i = 0; i < marks.size(); i++) {
            EspeakEngine.WordMark mark = marks.get(i);
            int from = mark.textPosition() - 1;
            int to = Math.min(characters.length, from + mark.length());
            if (from < 0 || from >= to) {
                continue;
            }
            String word = new String(characters, from, to - from).strip();
            double start = Math.min(duration, (double) mark.sample() / sampleRate);
            double next = i + 1 < marks.size() ? Math.min(duration, (double) marks.get(i + 1).sample() / sampleRate)
                    : duration;
            double end = start;
            for (PhonemeTiming p : phones) {
                if (p.start() >= start - 1e-9 && p.start() < next && !p.phoneme().startsWith("_")) {
                    end = Math.max(end, Math.min(p.end(), next));
                }
            }
            if (!word.isEmpty() && !out.isEmpty() && start < out.get(out.size() - 1).end()) {
                start = out.get(out.size() - 1).end();
                end = Math.max(start, end);
            }
            if (!word.isEmpty()) {
                out.add(new WordTiming(word, start, end));
            }
        }
        return out;
    }
}
