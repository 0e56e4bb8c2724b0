package org.opentalks.contract.document;

import java.util.List;

/**
 * {@code visemes.json}: the mouth-shape timeline of {@code speech.wav}. Segments are contiguous,
 * start at 0 and end at {@code durationSeconds}; gaps are filled with {@link Viseme#REST}.
 *
 * @param voice the engine voice that spoke, e.g. {@code espeak-ng:en-us}
 */
public record VisemeTrack(double durationSeconds, int sampleRate, String voice, List<VisemeSegment> segments) {
    public VisemeTrack {
        segments = List.copyOf(segments);
    }

    /** The viseme sounding at time {@code t} (seconds); REST outside the speech. */
    public Viseme at(double t) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            VisemeSegment s = segments.get(mid);
            if (t < s.start()) {
                hi = mid - 1;
            } else if (t >= s.end()) {
                lo = mid + 1;
            } else {
                return s.viseme();
            }
        }
        return Viseme.REST;
    }
}
