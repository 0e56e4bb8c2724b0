package org.opentalks.speech.piper;

import java.util.Arrays;
import java.util.List;

/**
 * Phone spans estimated from the audio, for models that do not report their durations: a left-to-right
 * segmentation of 10 ms frames into the sentence's phones, found by dynamic programming (a hidden semi-Markov
 * model's Viterbi pass: every phone takes a run of frames, in order) that maximises, over all segmentations,
 *
 * <pre>
 * Σ_phones [ Σ_frames frameScore(kind, frame) + DURATION_WEIGHT · durationScore(phone, frames) ]
 * </pre>
 *
 * <ul>
 *   <li>frameScore reads two features: loudness relative to the sentence's 95th-percentile frame energy, mapped to
 *   0 (−45 dB) … 1 (−10 dB), and the zero-crossing rate. Pauses want quiet frames, vowels loud and periodic
 *   (few crossings), sonorants a little quieter, fricatives noisy (many crossings), stops quiet-to-middling (a
 *   closure and a burst).</li>
 *   <li>durationScore is a log-normal prior around each phone's typical length (vowel 85 ms, sonorant 60,
 *   fricative 90, stop 70, other 60, at length_scale 1; stressed vowels ×1.3, long ones ×1.5), all scaled so
 *   they add up to the sentence's length; σ = 0.5 in log duration.</li>
 *   <li>Pauses (punctuation, BOS, EOS) and word gaps may take no frames at all: a model pauses where it likes.</li>
 * </ul>
 *
 * On espeak-ng speech, whose own phoneme events are the truth, this puts the truth's viseme on 69 % of 10 ms frames
 * (spreading the same priors without reading the audio: 44 %); a viseme change lies a median 17 ms from the truth's,
 * 80 % of them within 36 ms (PhoneAlignerTest prints the figures). Good enough for mouth shapes at video frame
 * rates; not for phonetics. A model that reports its durations needs none of this.
 */
final class PhoneAligner {
    static final double FRAME_SECONDS = 0.010;
    private static final double SIGMA = 0.5;
    private static final double DURATION_WEIGHT = 2.0;
    /** Typical pause and gap lengths when they are taken, and what taking a gap costs: models rarely pause there. */
    private static final double PAUSE_SECONDS = 0.15;
    private static final double EDGE_SECONDS = 0.05;
    private static final double GAP_SECONDS = 0.08;
    private static final double GAP_PENALTY = 2.0;
    private static final double MAX_PAUSE_SECONDS = 3.0;
    private static final double MAX_GAP_SECONDS = 1.0;

    private PhoneAligner() {
    }

    /**
     * Samples per unit, adding up to {@code audio.length}.
     *
     * @param readAudio false to spread the priors alone (the baseline the tests compare against)
     */
    static int[] align(float[] audio, int sampleRate, List<PhoneUnits.Unit> all, boolean readAudio) {
        // Phones whose symbols the voice lacks were never spoken: they take no time.
        List<PhoneUnits.Unit> units = all.stream().filter(x -> x.idTo() > x.idFrom()).toList();
        int[] spoken = spokenSamples(audio, sampleRate, units, readAudio);
        int[] samples = new int[all.size()];
        for (int k = 0, j = 0; k < all.size(); k++) {
            if (all.get(k).idTo() > all.get(k).idFrom()) {
                samples[k] = spoken[j++];
            }
        }
        return samples;
    }

    private static int[] spokenSamples(float[] audio, int sampleRate, List<PhoneUnits.Unit> units,
                                       boolean readAudio) {
        int u = units.size();
        int hop = Math.max(1, (int) Math.round(FRAME_SECONDS * sampleRate));
        int frames = (audio.length + hop - 1) / hop;
        double[] prior = priors(units, frames * FRAME_SECONDS);
        int mandatory = (int) units.stream().filter(x -> !optional(x)).count();
        int[] frameCounts;
        if (frames < mandatory || frames == 0) {
            frameCounts = spread(prior, frames);
        } else {
            double[][] scores = readAudio ? frameScores(audio, hop, frames)
                    : new double[PhoneUnits.Kind.values().length][frames];
            frameCounts = viterbi(units, prior, scores, frames);
        }
        int[] samples = new int[u];
        int at = 0;
        for (int k = 0; k < u; k++) {
            int end = k == u - 1 ? audio.length : Math.min(audio.length, at + frameCounts[k] * hop);
            samples[k] = end - at;
            at = end;
        }
        return samples;
    }

    private static boolean optional(PhoneUnits.Unit unit) {
        return unit.kind() == PhoneUnits.Kind.PAUSE || unit.kind() == PhoneUnits.Kind.GAP;
    }

    /** Each unit's expected length in frames, the phones' scaled so that all add up to the sentence. */
    private static double[] priors(List<PhoneUnits.Unit> units, double seconds) {
        double[] prior = new double[units.size()];
        double total = 0;
        for (int k = 0; k < prior.length; k++) {
            PhoneUnits.Unit unit = units.get(k);
            double s = switch (unit.kind()) {
                case PAUSE -> k == 0 || k == prior.length - 1 ? EDGE_SECONDS : PAUSE_SECONDS;
                case GAP -> 0;
                case VOWEL -> 0.085;
                case SONORANT -> 0.060;
                case FRICATIVE -> 0.090;
                case STOP -> 0.070;
                case OTHER -> 0.060;
            };
            prior[k] = s * unit.weight() / FRAME_SECONDS;
            total += prior[k];
        }
        double scale = total > 0 ? seconds / FRAME_SECONDS / total : 1;
        for (int k = 0; k < prior.length; k++) {
            prior[k] *= scale;
        }
        return prior;
    }

    /** Frames in proportion to the priors, for sentences too short to segment. */
    private static int[] spread(double[] prior, int frames) {
        double total = Arrays.stream(prior).sum();
        int[] counts = new int[prior.length];
        double seen = 0;
        int given = 0;
        for (int k = 0; k < prior.length; k++) {
            seen += prior[k];
            int upTo = total > 0 ? (int) Math.round(frames * seen / total) : frames * (k + 1) / prior.length;
            counts[k] = upTo - given;
            given = upTo;
        }
        return counts;
    }

    /** scores[kind][frame]: how well each frame suits each kind of phone. */
    private static double[][] frameScores(float[] audio, int hop, int frames) {
        double[] energy = new double[frames];
        double[] crossings = new double[frames];
        for (int f = 0; f < frames; f++) {
            // A 20 ms window centred on the frame.
            int from = Math.max(0, f * hop - hop / 2);
            int to = Math.min(audio.length, f * hop + hop + hop / 2);
            double sum = 0;
            int changes = 0;
            for (int i = from; i < to; i++) {
                sum += (double) audio[i] * audio[i];
                if (i > from && (audio[i] >= 0) != (audio[i - 1] >= 0)) {
                    changes++;
                }
            }
            int n = Math.max(1, to - from);
            energy[f] = 10 * Math.log10(sum / n + 1e-12);
            crossings[f] = (double) changes / n;
        }
        double[] sorted = energy.clone();
        Arrays.sort(sorted);
        double reference = sorted[(int) Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))];
        double[][] scores = new double[PhoneUnits.Kind.values().length][frames];
        for (int f = 0; f < frames; f++) {
            double loud = clamp((energy[f] - reference + 45) / 35);
            double noisy = clamp((crossings[f] - 0.1) / 0.3);
            scores[PhoneUnits.Kind.PAUSE.ordinal()][f] = -3 * loud;
            scores[PhoneUnits.Kind.GAP.ordinal()][f] = -3 * loud;
            scores[PhoneUnits.Kind.VOWEL.ordinal()][f] = -3 * (1 - loud) - 2 * noisy;
            scores[PhoneUnits.Kind.SONORANT.ordinal()][f] = -3 * Math.abs(loud - 0.75) - 2 * noisy;
            scores[PhoneUnits.Kind.FRICATIVE.ordinal()][f] = -2 * (1 - noisy) - (loud < 0.2 ? 5 * (0.2 - loud) : 0);
            scores[PhoneUnits.Kind.STOP.ordinal()][f] = -1.5 * Math.abs(loud - 0.4);
            scores[PhoneUnits.Kind.OTHER.ordinal()][f] = -1;
        }
        return scores;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The best segmentation of {@code frames} into the units, in order; frames per unit. */
    private static int[] viterbi(List<PhoneUnits.Unit> units, double[] prior, double[][] scores, int frames) {
        int u = units.size();
        double[][] cumulative = new double[scores.length][frames + 1];
        for (int k = 0; k < scores.length; k++) {
            for (int f = 0; f < frames; f++) {
                cumulative[k][f + 1] = cumulative[k][f] + scores[k][f];
            }
        }
        double[] previous = new double[frames + 1];
        Arrays.fill(previous, Double.NEGATIVE_INFINITY);
        previous[0] = 0;
        int[][] back = new int[u][frames + 1];
        int maxPause = (int) Math.ceil(MAX_PAUSE_SECONDS / FRAME_SECONDS);
        int maxGap = (int) Math.ceil(MAX_GAP_SECONDS / FRAME_SECONDS);
        for (int k = 0; k < u; k++) {
            PhoneUnits.Unit unit = units.get(k);
            boolean optional = optional(unit);
            double mean = unit.kind() == PhoneUnits.Kind.GAP ? GAP_SECONDS / FRAME_SECONDS : Math.max(1, prior[k]);
            int minimum = optional ? 0 : 1;
            int maximum = unit.kind() == PhoneUnits.Kind.GAP ? maxGap
                    : optional ? maxPause : (int) Math.ceil(4 * mean) + 5;
            double[] kindScores = cumulative[unit.kind().ordinal()];
            double[] current = new double[frames + 1];
            Arrays.fill(current, Double.NEGATIVE_INFINITY);
            for (int f = 0; f <= frames; f++) {
                double best = Double.NEGATIVE_INFINITY;
                int bestD = -1;
                for (int d = minimum; d <= Math.min(f, maximum); d++) {
                    double before = previous[f - d];
                    if (before == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double score = before + kindScores[f] - kindScores[f - d] + durationScore(unit, d, mean);
                    if (score > best) {
                        best = score;
                        bestD = d;
                    }
                }
                current[f] = best;
                back[k][f] = bestD;
            }
            previous = current;
        }
        int[] counts = new int[u];
        int f = frames;
        for (int k = u - 1; k >= 0; k--) {
            int d = back[k][f];
            if (d < 0) {
                // Unreachable only if the units cannot fit, which the caller rules out; spread instead of failing.
                return spread(prior, frames);
            }
            counts[k] = d;
            f -= d;
        }
        return counts;
    }

    private static double durationScore(PhoneUnits.Unit unit, int d, double mean) {
        if (d == 0) {
            // Pausing not at all: free at a word gap, which rarely pauses; a small cost at punctuation.
            return unit.kind() == PhoneUnits.Kind.GAP ? 0 : -1;
        }
        double z = Math.log(d / mean) / SIGMA;
        double score = -DURATION_WEIGHT * 0.5 * z * z;
        return unit.kind() == PhoneUnits.Kind.GAP ? score - GAP_PENALTY : score;
    }
}
