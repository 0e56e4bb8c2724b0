package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

/**
 * Mouth shapes estimated from a recording alone, for talks whose script is audio and so has no text to take
 * phonemes from. Every {@value #HOP_SECONDS} s frame gets a viseme from cheap acoustic cues; the result is coarser
 * than {@link VisemeMapper}'s but follows pauses, jaw opening, lip rounding and lip closures.
 *
 * <ol>
 *   <li><b>Pauses</b> ({@link Viseme#REST}): a level gate relative to the recording's own speech level (95th
 *       percentile of frame levels) and noise floor (5th percentile), opening at the higher of speech − 35 dB and
 *       floor + 12 dB and closing 6 dB lower (hysteresis). Gaps of {@value #MIN_PAUSE_SECONDS} s or more are
 *       pauses; stretches between pauses with under {@value #MIN_SPEECH_SECONDS} s above the gate or under
 *       {@value #MIN_VOICED_SECONDS} s of voicing are breaths or clicks, also REST.</li>
 *   <li><b>Closures</b>: inside speech, runs of {@value #MIN_CLOSURE_SECONDS}–{@value #MIN_PAUSE_SECONDS} s that
 *       are silent, or {@value #DIP_DB} dB below the loudest frame within ±{@value #LOCAL_PEAK_SECONDS} s without
 *       frication, are stop closures. A closure released without a burst rich above 1.5 kHz is labial
 *       ({@link Viseme#PBM}); alveolar and velar bursts are (diffuse-rising and compact spectra, Stevens &amp;
 *       Blumstein 1978, JASA 64:1358), so those closures become {@link Viseme#CONSONANT}.</li>
 *   <li><b>Voiced frames</b>: F1 and F2 from LPC, scaled to a 120 Hz-voiced reference speaker by (F0/120)^(−1/3)
 *       (Miller 1989, JASA 85:2114, "sensory reference"). F1 follows jaw opening, F2 tongue advancement and lip
 *       spreading; the regions below are around Peterson &amp; Barney's (1952, JASA 24:175) averages:
 *       i 270/2290, ɪ 390/1990, ɛ 530/1840, æ 660/1720, ɑ 730/1090, ʌ 640/1190, ɔ 570/840, ʊ 440/1020,
 *       u 300/870 Hz. A weak low-F1 frame with nothing much above 1 kHz is a nasal murmur or voice bar: labial
 *       ({@link Viseme#PBM}) when its F2 is low, as the labial F2 locus is (about 700 Hz against 1800 Hz for
 *       alveolars, Delattre, Liberman &amp; Cooper 1955, JASA 27:769), else {@link Viseme#CONSONANT}.</li>
 *   <li><b>Unvoiced frames</b>: weak, spectrally flat frication is f/v or θ ({@link Viseme#FV}; the non-sibilant
 *       fricatives are the weakest and flattest, Jongman, Wayland &amp; Wong 2000, JASA 108:1252); the rest
 *       (sibilants, bursts, h) is {@link Viseme#CONSONANT}. {@link Viseme#TH} is never guessed: it cannot be told
 *       from f by the spectrum.</li>
 *   <li><b>Smoothing</b>: vowel labels take the majority of their 5-frame neighbourhood; runs shorter than
 *       {@value #MIN_SEGMENT_SECONDS} s ({@value #MIN_CLOSURE_SECONDS} s for PBM) are absorbed, shortest first,
 *       into their longer neighbour so that shapes do not flicker.</li>
 * </ol>
 *
 * <p>Deterministic and thread-safe; a few milliseconds per second of 16 kHz audio.
 */
public final class AudioVisemes {

    /** Frame step: each segment boundary falls on a multiple of it. */
    public static final double HOP_SECONDS = 0.010;
    /** The analysis needs the band up to 8 kHz (frication); decode or resample to at least this. */
    public static final int MIN_SAMPLE_RATE = 16_000;

    static final double SPEECH_PERCENTILE = 0.95;
    static final double FLOOR_PERCENTILE = 0.05;
    static final double GATE_BELOW_SPEECH_DB = 35;
    static final double GATE_ABOVE_FLOOR_DB = 12;
    static final double HYSTERESIS_DB = 6;
    /** Below this a frame is silent whatever the recording's level: 16-bit dither sits near −100 dBFS. */
    static final double SILENCE_DBFS = -80;
    static final double MIN_PAUSE_SECONDS = 0.12;
    static final double MIN_SPEECH_SECONDS = 0.06;
    static final double MIN_VOICED_SECONDS = 0.03;
    static final double LOCAL_PEAK_SECONDS = 0.25;
    /** A closure: this far below the local peak with few zero crossings (not frication)... */
    static final double DIP_DB = 20;
    static final double DIP_MAX_ZCR = 0.2;
    /** ...or this far below whatever it is: nothing visible is articulated 32 dB under the syllable. */
    static final double DEEP_DIP_DB = 32;
    static final double MIN_CLOSURE_SECONDS = 0.03;
    /** A burst with at least this share (dB) of its power above 1.5 kHz is alveolar or velar. */
    static final double NON_LABIAL_BURST_DB = -6;
    static final double MIN_SEGMENT_SECONDS = 0.06;
    /** Normalised autocorrelation at the pitch lag above which a frame is voiced. */
    static final double VOICED = 0.45;
    static final double REFERENCE_F0 = 120;

    /**
     * The viseme track of {@code pcm}: segments contiguous from 0 to its duration, boundaries on the
     * {@value #HOP_SECONDS} s grid, each at least one hop long (the last may be cut by the end of the audio).
     * Segments carry no phonemes: pauses are named {@value EspeakSynthesizer#PAUSE}, the rest by their viseme in
     * lower case.
     *
     * @param voiceLabel stored as the track's voice, e.g. {@code audio:upload}
     * @throws IllegalArgumentException if the audio is sampled below {@value #MIN_SAMPLE_RATE} Hz
     */
    public VisemeTrack track(Pcm pcm, String voiceLabel) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(voiceLabel, "voiceLabel");
        int rate = pcm.sampleRate();
        if (rate < MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("audio sampled at " + rate + " Hz: resample it to at least "
                    + MIN_SAMPLE_RATE + " Hz first");
        }
        int hop = hopSamples(rate);
        Viseme[] labels = classify(new AcousticFrames(rate, hop).analyse(pcm.samples()), (double) hop / rate);
        List<VisemeSegment> segments = new ArrayList<>();
        for (int i = 0; i < labels.length;) {
            int j = runEnd(labels, i);
            double end = j == labels.length ? pcm.durationSeconds() : (double) j * hop / rate;
            Viseme v = labels[i];
            segments.add(new VisemeSegment(v, (double) i * hop / rate, end,
                    v == Viseme.REST ? EspeakSynthesizer.PAUSE : v.name().toLowerCase(Locale.ROOT)));
            i = j;
        }
        return new VisemeTrack(pcm.durationSeconds(), rate, voiceLabel, segments);
    }

    static int hopSamples(int sampleRate) {
        return (int) Math.round(HOP_SECONDS * sampleRate);
    }

    /** One viseme per frame. */
    static Viseme[] classify(AcousticFrames.Frame[] frames, double hopSeconds) {
        int n = frames.length;
        Viseme[] labels = new Viseme[n];
        if (n == 0) {
            return labels;
        }
        double[] levels = new double[n];
        for (int i = 0; i < n; i++) {
            levels[i] = frames[i].level();
        }
        double[] sorted = levels.clone();
        Arrays.sort(sorted);
        double speech = sorted[(int) Math.round(SPEECH_PERCENTILE * (n - 1))];
        double floor = sorted[(int) Math.round(FLOOR_PERCENTILE * (n - 1))];
        boolean[] active = gate(levels, speech, floor);
        boolean[] pause = pauses(frames, active, hopSeconds);

        double[] localPeak = slidingMax(levels, count(LOCAL_PEAK_SECONDS, hopSeconds));
        double scale = formantScale(frames, active);
        boolean[] quiet = new boolean[n];
        for (int i = 0; i < n; i++) {
            double dip = localPeak[i] - levels[i];
            quiet[i] = !active[i] || dip >= DEEP_DIP_DB || (dip >= DIP_DB && frames[i].zcr() < DIP_MAX_ZCR);
            labels[i] = active[i] ? frameViseme(frames[i], speech, dip, scale) : Viseme.REST;
        }
        int minPause = count(MIN_PAUSE_SECONDS, hopSeconds);
        int minClosure = count(MIN_CLOSURE_SECONDS, hopSeconds);
        for (int i = 0; i < n;) {
            int j = runEnd(quiet, i);
            if (quiet[i]) {
                if (pause[i] || i == 0 || j == n || j - i >= minPause) {
                    Arrays.fill(labels, i, j, Viseme.REST);
                } else if (j - i >= minClosure) {
                    Arrays.fill(labels, i, j, labialRelease(frames, j) ? Viseme.PBM : Viseme.CONSONANT);
                }
            }
            i = j;
        }
        smoothVowels(labels);
        return absorbShortRuns(labels, count(MIN_SEGMENT_SECONDS, hopSeconds), minClosure);
    }

    /** The level gate with hysteresis: opens at the threshold, closes {@value #HYSTERESIS_DB} dB below it. */
    private static boolean[] gate(double[] levels, double speech, double floor) {
        double open = Math.max(SILENCE_DBFS, Math.max(speech - GATE_BELOW_SPEECH_DB, floor + GATE_ABOVE_FLOOR_DB));
        double close = open - HYSTERESIS_DB;
        boolean[] active = new boolean[levels.length];
        boolean on = false;
        for (int i = 0; i < levels.length; i++) {
            on = on ? levels[i] >= close : levels[i] >= open;
            active[i] = on;
        }
        return active;
    }

    /**
     * Pauses: gate-closed runs of at least {@value #MIN_PAUSE_SECONDS} s or at either end, widened over the
     * stretches between them that are too short or unvoiced to be speech (which are closed in {@code active}).
     */
    private static boolean[] pauses(AcousticFrames.Frame[] frames, boolean[] active, double hopSeconds) {
        int n = frames.length;
        int minPause = count(MIN_PAUSE_SECONDS, hopSeconds);
        boolean[] pause = new boolean[n];
        for (int i = 0; i < n;) {
            int j = runEnd(active, i);
            if (!active[i] && (i == 0 || j == n || j - i >= minPause)) {
                Arrays.fill(pause, i, j, true);
            }
            i = j;
        }
        int minSpeech = count(MIN_SPEECH_SECONDS, hopSeconds);
        int minVoiced = count(MIN_VOICED_SECONDS, hopSeconds);
        for (int i = 0; i < n;) {
            int j = runEnd(pause, i);
            if (!pause[i]) {
                int loud = 0;
                int voiced = 0;
                for (int k = i; k < j; k++) {
                    loud += active[k] ? 1 : 0;
                    voiced += active[k] && frames[k].voicing() >= VOICED ? 1 : 0;
                }
                if (loud < minSpeech || voiced < minVoiced) {
                    Arrays.fill(pause, i, j, true);
                    Arrays.fill(active, i, j, false);
                }
            }
            i = j;
        }
        return pause;
    }

    /** Whether the release after a closure ending at frame {@code at} lacks an alveolar/velar burst. */
    private static boolean labialRelease(AcousticFrames.Frame[] frames, int at) {
        double upper = Double.NEGATIVE_INFINITY;
        for (int k = at; k < Math.min(frames.length, at + 2); k++) {
            upper = Math.max(upper, frames[k].upperShare());
        }
        return upper < NON_LABIAL_BURST_DB;
    }

    /**
     * The factor taking this speaker's formants to the reference speaker's: (F0ref / F0)^(1/3) of the median
     * pitch of clearly voiced frames (Miller 1989), pitch clamped to 70–350 Hz against octave errors.
     */
    static double formantScale(AcousticFrames.Frame[] frames, boolean[] active) {
        double[] logF0 = new double[frames.length];
        int m = 0;
        for (int i = 0; i < frames.length; i++) {
            if (active[i] && frames[i].voicing() >= 0.6 && frames[i].f0() > 0) {
                logF0[m++] = Math.log(frames[i].f0());
            }
        }
        if (m == 0) {
            return 1;
        }
        Arrays.sort(logF0, 0, m);
        double f0 = Math.exp(logF0[m / 2]);
        return Math.cbrt(REFERENCE_F0 / Math.max(70, Math.min(350, f0)));
    }

    /**
     * The viseme of one frame above the gate, before closures and smoothing.
     *
     * @param dip dB below the loudest frame nearby
     * @param scale speaker normalisation of the formants
     */
    static Viseme frameViseme(AcousticFrames.Frame f, double speech, double dip, double scale) {
        if (f.voicing() >= VOICED) {
            if (f.f1() == 0) {
                return Viseme.CONSONANT;
            }
            double f1 = f.f1() * scale;
            double f2 = (f.f2() > 0 ? f.f2() : f.f1()) * scale;
            boolean lowF2 = f2 < 1450;
            // Nasal murmur or voice bar: low F1 with little above 1 kHz, or a weak low-F1 low-F2 frame (an m
            // between vowels still passes some of the vowel's F2).
            if (f1 < 320 && (f.murmur() < -12 || (dip >= 8 && lowF2))) {
                return lowF2 ? Viseme.PBM : Viseme.CONSONANT;
            }
            return vowel(f1, f2);
        }
        if (f.level() < speech - 18 && f.flatness() >= 0.25 && f.zcr() >= 0.2) {
            return Viseme.FV;
        }
        return Viseme.CONSONANT;
    }

    /** Vowel regions in the (F1, F2) plane of the reference speaker, in Hz. */
    static Viseme vowel(double f1, double f2) {
        // Open: ɑ æ a, and ʌ whose F1 is a little lower but whose F2 is central.
        if (f1 >= 680 || (f1 >= 600 && f2 >= 1150 && f2 < 1500)) {
            return Viseme.AA;
        }
        // Close: i ɪ spread with a high F2, u ʊ rounded with a low one.
        if (f1 < 420) {
            return f2 >= 1650 ? Viseme.EE : Viseme.UW;
        }
        // Mid: ɔ o rounded (low F2), ɛ e ə.
        return f2 < 1250 ? Viseme.OH : Viseme.EH;
    }

    private static boolean isVowel(Viseme v) {
        return v == Viseme.AA || v == Viseme.EH || v == Viseme.EE || v == Viseme.OH || v == Viseme.UW;
    }

    /** Each vowel frame takes the most frequent vowel among the vowel frames within ±2; ties keep its own. */
    static void smoothVowels(Viseme[] labels) {
        Viseme[] in = labels.clone();
        int[] votes = new int[Viseme.values().length];
        for (int i = 0; i < in.length; i++) {
            if (!isVowel(in[i])) {
                continue;
            }
            Arrays.fill(votes, 0);
            for (int k = Math.max(0, i - 2); k <= Math.min(in.length - 1, i + 2); k++) {
                if (isVowel(in[k])) {
                    votes[in[k].ordinal()]++;
                }
            }
            Viseme best = in[i];
            for (Viseme v : Viseme.values()) {
                if (votes[v.ordinal()] > votes[best.ordinal()]) {
                    best = v;
                }
            }
            labels[i] = best;
        }
    }

    /**
     * Absorbs runs shorter than {@code minRun} frames ({@code minClosure} for PBM), shortest and then earliest
     * first, into the longer neighbour (the earlier on a tie), joining neighbours that become equal. Stops when
     * one run is left.
     */
    static Viseme[] absorbShortRuns(Viseme[] labels, int minRun, int minClosure) {
        int n = labels.length;
        int runs = 0;
        for (int i = 0; i < n; i = runEnd(labels, i)) {
            runs++;
        }
        int[] start = new int[runs];
        int[] length = new int[runs];
        Viseme[] viseme = new Viseme[runs];
        int[] prev = new int[runs];
        int[] next = new int[runs];
        boolean[] alive = new boolean[runs];
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        for (int r = 0, i = 0; r < runs; r++) {
            int j = runEnd(labels, i);
            start[r] = i;
            length[r] = j - i;
            viseme[r] = labels[i];
            prev[r] = r - 1;
            next[r] = r + 1 < runs ? r + 1 : -1;
            alive[r] = true;
            queue.add(new long[] {length[r], start[r], r});
            i = j;
        }
        int left = runs;
        while (left > 1 && !queue.isEmpty()) {
            long[] top = queue.poll();
            int r = (int) top[2];
            if (!alive[r] || length[r] != top[0] || start[r] != top[1]
                    || length[r] >= (viseme[r] == Viseme.PBM ? minClosure : minRun)) {
                continue;
            }
            int p = prev[r];
            int q = next[r];
            int into = p < 0 ? q : q < 0 ? p : length[q] > length[p] ? q : p;
            alive[r] = false;
            left--;
            if (into == p) {
                length[p] += length[r];
            } else {
                start[q] = start[r];
                length[q] += length[r];
            }
            link(prev, next, p, q);
            // The absorbing run may now touch a run of its own viseme on the other side.
            int other = into == p ? q : p;
            if (other >= 0 && viseme[other] == viseme[into]) {
                int first = Math.min(into, other);
                int second = Math.max(into, other);
                length[first] += length[second];
                alive[second] = false;
                left--;
                link(prev, next, first, next[second]);
                into = first;
            }
            queue.add(new long[] {length[into], start[into], into});
        }
        Viseme[] out = new Viseme[n];
        for (int r = 0; r < runs; r++) {
            if (alive[r]) {
                Arrays.fill(out, start[r], start[r] + length[r], viseme[r]);
            }
        }
        return out;
    }

    private static void link(int[] prev, int[] next, int a, int b) {
        if (a >= 0) {
            next[a] = b;
        }
        if (b >= 0) {
            prev[b] = a;
        }
    }

    /** The number of frames closest to {@code seconds}, at least one. */
    static int count(double seconds, double hopSeconds) {
        return Math.max(1, (int) Math.round(seconds / hopSeconds));
    }

    private static int runEnd(Viseme[] labels, int i) {
        int j = i;
        while (j < labels.length && labels[j] == labels[i]) {
            j++;
        }
        return j;
    }

    private static int runEnd(boolean[] flags, int i) {
        int j = i;
        while (j < flags.length && flags[j] == flags[i]) {
            j++;
        }
        return j;
    }

    /** Max over ±{@code reach} frames (monotonic deque, linear time). */
    static double[] slidingMax(double[] values, int reach) {
        int n = values.length;
        double[] out = new double[n];
        int[] deque = new int[n];
        int head = 0;
        int tail = 0;
        int added = 0;
        for (int i = 0; i < n; i++) {
            int until = Math.min(n - 1, i + reach);
            for (; added <= until; added++) {
                while (tail > head && values[deque[tail - 1]] <= values[added]) {
                    tail--;
                }
                deque[tail++] = added;
            }
            while (deque[head] < i - reach) {
                head++;
            }
            out[i] = values[deque[head]];
        }
        return out;
    }
}
