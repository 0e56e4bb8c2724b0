package org.opentalks.speech.piper;

import java.util.ArrayList;
import java.util.List;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.WordTiming;

/**
 * A run's audio, phones and words, sentence after sentence, counted in samples so that spans tile the audio
 * exactly: word gaps shorter than {@link PiperEngine#GAP_PAUSE_SECONDS} join the phone before them, adjacent pauses
 * merge, and empty spans are left out.
 */
final class Timeline {
    private final int rate;
    private final List<short[]> pieces = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<long[]> spans = new ArrayList<>();
    private final List<WordTiming> words = new ArrayList<>();
    private long total;

    Timeline(int rate) {
        this.rate = rate;
    }

    void sentence(short[] pcm, List<PhoneUnits.Unit> units, int[] samples,
                  List<PiperPhonemizer.Word> sentenceWords) {
        long[] starts = new long[units.size()];
        long at = total;
        int gapLimit = (int) Math.round(PiperEngine.GAP_PAUSE_SECONDS * rate);
        for (int k = 0; k < units.size(); k++) {
            starts[k] = at;
            PhoneUnits.Unit unit = units.get(k);
            long end = at + samples[k];
            if (samples[k] > 0) {
                boolean fold = unit.kind() == PhoneUnits.Kind.GAP && samples[k] < gapLimit && !spans.isEmpty();
                if (fold) {
                    spans.get(spans.size() - 1)[1] = end;
                } else {
                    add(unit.phone(), at, end);
                }
            }
            at = end;
        }
        for (PiperPhonemizer.Word w : sentenceWords) {
            int first = unitOf(units, w.from());
            int last = unitOf(units, Math.max(w.from(), w.to() - 1));
            long start = starts[first];
            long end = w.to() > w.from() ? starts[last] + samples[last] : start;
            words.add(new WordTiming(w.text(), seconds(start), seconds(Math.max(start, end))));
        }
        if (at - total != pcm.length) {
            throw new IllegalStateException("phone spans cover " + (at - total) + " of " + pcm.length
                    + " samples");
        }
        pieces.add(pcm);
        total += pcm.length;
    }

    void silence(int samples) {
        if (samples > 0) {
            pieces.add(new short[samples]);
            add(EspeakSynthesizer.PAUSE, total, total + samples);
            total += samples;
        }
    }

    /** A span; a pause right after a pause extends it. */
    private void add(String phone, long start, long end) {
        int last = names.size() - 1;
        boolean pause = phone.equals(EspeakSynthesizer.PAUSE);
        if (last >= 0 && pause && names.get(last).equals(EspeakSynthesizer.PAUSE)) {
            spans.get(last)[1] = end;
        } else {
            names.add(phone);
            spans.add(new long[] {start, end});
        }
    }

    private static int unitOf(List<PhoneUnits.Unit> units, int phoneme) {
        for (int k = 0; k < units.size(); k++) {
            if (phoneme >= units.get(k).phonemeFrom() && phoneme < units.get(k).phonemeTo()) {
                return k;
            }
        }
        return units.size() - 1;
    }

    private double seconds(long sample) {
        return (double) sample / rate;
    }

    short[] samples() {
        short[] out = new short[Math.toIntExact(total)];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }

    List<PhonemeTiming> phones() {
        List<PhonemeTiming> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(new PhonemeTiming(names.get(i), seconds(spans.get(i)[0]), seconds(spans.get(i)[1])));
        }
        return out;
    }

    List<WordTiming> words() {
        return words;
    }
}
