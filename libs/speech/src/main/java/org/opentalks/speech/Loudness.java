package org.opentalks.speech;

import java.util.Arrays;
import java.util.Objects;

/**
 * Level normalisation of ingested recordings by one linear gain (no compression, so no pumping or distortion): the
 * gain that brings the active speech level to a target RMS, reduced where needed so that the peak stays at or below
 * a ceiling. The active level ignores pauses by gating 400 ms blocks as ITU-R BS.1770-4 does (75 % overlap,
 * absolute gate −70 dBFS, relative gate 10 dB below the mean of the blocks that pass it), on unweighted RMS since
 * this is speech, not programme loudness. Levels are dBFS relative to a full-scale square wave (a full-scale sine
 * is −3 dBFS RMS).
 */
public final class Loudness {

    /** A speech level that leaves headroom for peaks: about what broadcast speech sits at. */
    public static final double DEFAULT_TARGET_RMS_DBFS = -20;
    public static final double DEFAULT_PEAK_CEILING_DBFS = -1;
    /** Near-silent recordings are not raised into audible hiss by more than this. */
    public static final double MAX_GAIN_DB = 30;

    static final double BLOCK_SECONDS = 0.4;
    static final double ABSOLUTE_GATE_DBFS = -70;
    static final double RELATIVE_GATE_DB = 10;

    private static final double FULL_SCALE = 32768;

    private final double targetRmsDbfs;
    private final double peakCeilingDbfs;

    /**
     * @param targetRmsDbfs the active level to reach, e.g. −20
     * @param peakCeilingDbfs the highest peak allowed, at most 0, e.g. −1
     */
    public Loudness(double targetRmsDbfs, double peakCeilingDbfs) {
        if (!(peakCeilingDbfs <= 0) || !(targetRmsDbfs < 0)) {
            throw new IllegalArgumentException("levels must be below full scale: RMS " + targetRmsDbfs
                    + " dBFS, peak " + peakCeilingDbfs + " dBFS");
        }
        this.targetRmsDbfs = targetRmsDbfs;
        this.peakCeilingDbfs = peakCeilingDbfs;
    }

    /** −20 dBFS RMS, peaks at most −1 dBFS. */
    public Loudness() {
        this(DEFAULT_TARGET_RMS_DBFS, DEFAULT_PEAK_CEILING_DBFS);
    }

    /**
     * {@code pcm} scaled by the gain {@link #gainDb} gives; silence comes back unchanged. Same length and rate.
     */
    public Pcm normalize(Pcm pcm) {
        Objects.requireNonNull(pcm, "pcm");
        double gain = Math.pow(10, gainDb(pcm) / 20);
        short[] in = pcm.samples();
        short[] out = new short[in.length];
        for (int i = 0; i < in.length; i++) {
            // The peak ceiling keeps this inside 16 bits; the clamp only guards rounding at a 0 dBFS ceiling.
            long v = Math.round(in[i] * gain);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return new Pcm(out, pcm.sampleRate());
    }

    /**
     * The gain in dB that {@link #normalize} applies: target minus active level, limited by the peak ceiling and by
     * {@value #MAX_GAIN_DB} dB; 0 when nothing passes the {@value #ABSOLUTE_GATE_DBFS} dBFS gate.
     */
    public double gainDb(Pcm pcm) {
        double active = activeRmsDbfs(pcm);
        double peak = peakDbfs(pcm);
        if (Double.isInfinite(active) || Double.isInfinite(peak)) {
            return 0;
        }
        return Math.min(MAX_GAIN_DB, Math.min(targetRmsDbfs - active, peakCeilingDbfs - peak));
    }

    /** The largest sample magnitude in dBFS; −∞ for silence. */
    public static double peakDbfs(Pcm pcm) {
        int peak = 0;
        for (short s : pcm.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        return 20 * Math.log10(peak / FULL_SCALE);
    }

    /** RMS of all samples in dBFS; −∞ for silence. */
    public static double rmsDbfs(Pcm pcm) {
        return rmsDbfs(pcm.samples(), 0, pcm.samples().length);
    }

    /** RMS of {@code samples[from, to)} in dBFS; −∞ for silence or an empty range. */
    public static double rmsDbfs(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return to > from ? 10 * Math.log10(sum / (to - from) / (FULL_SCALE * FULL_SCALE)) : Double.NEGATIVE_INFINITY;
    }

    /**
     * The gated RMS level in dBFS: the power mean of the 400 ms blocks (75 % overlap) above the absolute and then
     * the relative gate; recordings shorter than a block are measured whole. −∞ when nothing passes the gates.
     */
    public static double activeRmsDbfs(Pcm pcm) {
        short[] x = pcm.samples();
        int block = (int) Math.round(BLOCK_SECONDS * pcm.sampleRate());
        if (x.length <= block) {
            double whole = rmsDbfs(pcm);
            return whole >= ABSOLUTE_GATE_DBFS ? whole : Double.NEGATIVE_INFINITY;
        }
        int step = block / 4;
        int blocks = (x.length - block) / step + 1;
        double[] power = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            power[b] = Math.pow(10, rmsDbfs(x, b * step, b * step + block) / 10);
        }
        double absolute = Math.pow(10, ABSOLUTE_GATE_DBFS / 10);
        double meanAbove = gatedMean(power, absolute);
        if (meanAbove == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double relative = Math.max(absolute, meanAbove * Math.pow(10, -RELATIVE_GATE_DB / 10));
        return 10 * Math.log10(gatedMean(power, relative));
    }

    private static double gatedMean(double[] power, double gate) {
        return Arrays.stream(power).filter(p -> p >= gate).average().orElse(0);
    }
}
