package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Phone timings given as end times (flite's {@code -psdur}, festival's Segment relation) turned into spans that tile
 * the audio from 0 to its end, as {@link Speech} promises.
 */
final class PhoneTiles {
    /** The name given to audio after the engine's last phone. */
    static final String PAUSE = "pau";

    private PhoneTiles() {
    }

    /**
     * @param names    the phones in order
     * @param ends     each phone's end in seconds, non-decreasing from 0
     * @param duration the audio's length in seconds
     * @return spans tiling [0, duration]: when the engine's times run past the audio (flite's diphone voices
     *     report the unit lengths before joining), they are scaled onto it; time after the last phone is a pause;
     *     empty spans are left out
     */
    static List<PhonemeTiming> tile(List<String> names, List<Double> ends, double duration) {
        List<PhonemeTiming> out = new ArrayList<>(names.size() + 1);
        double last = ends.isEmpty() ? 0 : ends.get(ends.size() - 1);
        double scale = last > duration && last > 0 ? duration / last : 1;
        double start = 0;
        for (int i = 0; i < names.size(); i++) {
            double end = Math.min(duration, Math.max(start, ends.get(i) * scale));
            if (i == names.size() - 1 && duration - end < 0.001) {
                end = duration;
            }
            if (end > start) {
                out.add(new PhonemeTiming(names.get(i), start, end));
            }
            start = end;
        }
        if (start < duration) {
            out.add(new PhonemeTiming(PAUSE, start, duration));
        }
        return out;
    }
}
