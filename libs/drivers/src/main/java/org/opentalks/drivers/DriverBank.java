package org.opentalks.drivers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

/**
 * The driver bank: head-motion loops per family, from which a talk's {@link DriverTrack} is cut.
 * Load it once ({@link #load()}); it is immutable and safe to share between threads.
 */
public final class DriverBank {
    /** Silence between words at least this long ends a phrase; shorter gaps are stop closures. */
    static final double MIN_PAUSE_SECONDS = 0.15;
    /** A phrase-final nod: raised cosine this long, peaking this soon after the last sound. */
    static final double NOD_SECONDS = 0.5;
    static final double NOD_LAG_SECONDS = 0.1;
    /** The brow raise that opens the next phrase, centred on its first sound. */
    static final double PHRASE_BROW_SECONDS = 0.4;
    /** Auto-match: roll counts half as much as yaw; drivers this close to the best are ties. */
    static final double ROLL_WEIGHT = 0.5;
    static final double MATCH_TOLERANCE_DEGREES = 0.5;
    /** Separates the phase draw from the tie-break draw of the same seed. */
    private static final long PHASE_SALT = 0x6A09E667F3BCC909L;

    private final Map<DriverFamily, List<DriverLoop>> loops;

    private DriverBank(Map<DriverFamily, List<DriverLoop>> loops) {
        this.loops = loops;
    }

    /** Reads every driver from the classpath ({@code org/opentalks/drivers/bank/<family>/driver-NN.json}). */
    public static DriverBank load() {
        Map<DriverFamily, List<DriverLoop>> loops = new EnumMap<>(DriverFamily.class);
        for (DriverFamily family : DriverFamily.values()) {
            List<DriverLoop> drivers = new ArrayList<>();
            for (int n = 1; n <= family.drivers(); n++) {
                DriverRef ref = new DriverRef(family, n, null);
                String resource = "bank/%s/driver-%02d.json".formatted(family.id(), n);
                try (InputStream in = DriverBank.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("driver bank resource missing: " + resource);
                    }
                    drivers.add(DriverLoop.read(in, ref.url()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read driver " + ref.url(), e);
                }
            }
            loops.put(family, List.copyOf(drivers));
        }
        return new DriverBank(loops);
    }

    /** The family names, e.g. {@code lively}. */
    public List<String> families() {
        List<String> ids = new ArrayList<>();
        for (DriverFamily family : DriverFamily.values()) {
            ids.add(family.id());
        }
        return List.copyOf(ids);
    }

    /**
     * The drivers of a family, e.g. {@code driver-01} … {@code driver-06}.
     *
     * @throws UnknownDriverException for a family the bank does not have
     */
    public List<String> drivers(String family) {
        DriverFamily f = DriverFamily.fromId(family);
        if (f == null) {
            throw DriverRef.unknownFamily(family);
        }
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= f.drivers(); n++) {
            names.add("driver-%02d".formatted(n));
        }
        return List.copyOf(names);
    }

    /**
     * Completes a driver reference. What the reference gives is kept. Without auto-match the rest
     * defaults to driver-01 / original. With auto-match, the driver and variant whose mean yaw and
     * roll bring the source face closest to frontal: a face turned to one side is turned back rather
     * than further, so the warp does not have to reveal the side the photo hides. Candidates within
     * {@value #MATCH_TOLERANCE_DEGREES}° of the best are ties, broken by {@code seed}.
     *
     * @param ref    the requested driver; null means {@link DriverRef#DEFAULT}
     * @param source the source photo's pose; null means frontal
     */
    public DriverRef choose(DriverRef ref, boolean autoMatch, SourcePose source, long seed) {
        DriverRef given = ref == null ? DriverRef.DEFAULT : ref;
        if (given.isResolved()) {
            return given;
        }
        DriverFamily family = given.family();
        if (!autoMatch) {
            return new DriverRef(family, given.hasDriver() ? given.driver() : 1, DriverVariant.ORIGINAL);
        }
        SourcePose pose = source == null ? SourcePose.FRONTAL : source;
        int first = given.hasDriver() ? given.driver() : 1;
        int last = given.hasDriver() ? given.driver() : family.drivers();
        List<DriverRef> candidates = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int n = first; n <= last; n++) {
            DriverLoop loop = loop(family, n);
            for (DriverVariant variant : DriverVariant.values()) {
                double mirror = variant == DriverVariant.FLIPPED ? -1 : 1;
                // The rendered pose is the photo's pose plus the driver's; what is left from frontal.
                double residual = Math.abs(pose.yaw() + mirror * loop.meanYaw)
                        + ROLL_WEIGHT * Math.abs(pose.roll() + mirror * loop.meanRoll);
                candidates.add(new DriverRef(family, n, variant));
                residuals.add(residual);
                best = Math.min(best, residual);
            }
        }
        List<DriverRef> ties = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (residuals.get(i) <= best + MATCH_TOLERANCE_DEGREES) {
                ties.add(candidates.get(i));
            }
        }
        // SplittableRandom mixes the seed well; Random's first draw barely varies between nearby seeds.
        return ties.get(new SplittableRandom(seed).nextInt(ties.size()));
    }

    /**
     * The motion for one talk: {@code ceil(durationSeconds·fps)} poses cut from the chosen driver's
     * loop (linearly resampled to {@code fps}, wrapping, from a phase drawn from {@code seed}), the
     * blinks that finish within the duration, and a nod and brow raise at each pause between
     * phrases of {@code speech}. The same arguments give an equal track.
     *
     * @param ref       the requested driver; null means {@link DriverRef#DEFAULT}
     * @param autoMatch whether unspecified parts are matched to {@code source} (see {@link #choose})
     * @param source    the source photo's pose; null means frontal
     * @param speech    the talk's visemes, or null for no phrasing
     * @return a track whose {@code driverUrl} names the driver used, e.g. {@code bank://lively/driver-03/flipped}
     */
    public DriverTrack track(DriverRef ref, boolean autoMatch, SourcePose source, VisemeTrack speech,
                             double durationSeconds, double fps, long seed) {
        if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds) || !(fps > 0)) {
            throw new IllegalArgumentException("bad duration " + durationSeconds + " or fps " + fps);
        }
        DriverRef chosen = choose(ref, autoMatch, source, seed);
        DriverFamily family = chosen.family();
        DriverLoop loop = loop(family, chosen.driver());
        double mirror = chosen.variant() == DriverVariant.FLIPPED ? -1 : 1;
        // Tolerance so that e.g. 0.1 s × 30 fps gives 3 frames, not 4 from rounding noise.
        int frames = (int) Math.ceil(durationSeconds * fps - 1e-9);
        int startFrame = new SplittableRandom(seed ^ PHASE_SALT).nextInt(loop.frames);

        double[] nod = new double[frames];
        double[] raise = new double[frames];
        if (speech != null) {
            for (double[] pause : pauses(speech)) {
                bump(nod, fps, pause[0] + Math.min(NOD_LAG_SECONDS, (pause[1] - pause[0]) / 2), NOD_SECONDS);
                bump(raise, fps, pause[1], PHRASE_BROW_SECONDS);
            }
        }

        List<HeadPose> poses = new ArrayList<>(frames);
        List<Double> brows = new ArrayList<>(frames);
        double step = loop.fps / fps;
        for (int i = 0; i < frames; i++) {
            double position = startFrame + i * step;
            int i0 = (int) Math.floor(position);
            double f = position - i0;
            i0 %= loop.frames;
            int i1 = (i0 + 1) % loop.frames;
            poses.add(new HeadPose(
                    mirror * lerp(loop.yaw, i0, i1, f),
                    lerp(loop.pitch, i0, i1, f) + family.nodDegrees() * nod[i],
                    mirror * lerp(loop.roll, i0, i1, f),
                    mirror * lerp(loop.tx, i0, i1, f),
                    lerp(loop.ty, i0, i1, f),
                    lerp(loop.scale, i0, i1, f)));
            brows.add(lerp(loop.brow, i0, i1, f) + family.phraseBrow() * raise[i]);
        }

        double start = startFrame / loop.fps;
        double length = loop.seconds();
        List<Double> blinks = new ArrayList<>();
        for (double b : loop.blinkStarts) {
            double t = b - start;
            if (t < 0) {
                t += length;
            }
            for (; t + DriverTrack.BLINK_SECONDS <= durationSeconds; t += length) {
                blinks.add(Math.round(t * 1e6) / 1e6);
            }
        }
        Collections.sort(blinks);
        return new DriverTrack(chosen.url(), fps, poses, blinks, brows);
    }

    /**
     * The pauses between phrases: silences (REST or gaps) of at least {@value #MIN_PAUSE_SECONDS} s
     * with speech on both sides, as {start, end} in seconds. Leading and trailing silence is not a pause.
     */
    static List<double[]> pauses(VisemeTrack speech) {
        List<double[]> pauses = new ArrayList<>();
        double lastSpeechEnd = Double.NaN;
        for (VisemeSegment segment : speech.segments()) {
            if (segment.viseme() == Viseme.REST || !(segment.end() > segment.start())) {
                continue;
            }
            if (segment.start() - lastSpeechEnd >= MIN_PAUSE_SECONDS) {
                pauses.add(new double[] {lastSpeechEnd, segment.start()});
            }
            lastSpeechEnd = Double.isNaN(lastSpeechEnd) ? segment.end() : Math.max(lastSpeechEnd, segment.end());
        }
        return pauses;
    }

    /** Raises {@code envelope} to a unit raised-cosine bump of full width {@code width} s at {@code centre}. */
    private static void bump(double[] envelope, double fps, double centre, double width) {
        int from = Math.max(0, (int) Math.ceil((centre - width / 2) * fps));
        int to = Math.min(envelope.length - 1, (int) Math.floor((centre + width / 2) * fps));
        for (int i = from; i <= to; i++) {
            double v = 0.5 * (1 + Math.cos(2 * Math.PI * (i / fps - centre) / width));
            envelope[i] = Math.max(envelope[i], v);
        }
    }

    private static double lerp(double[] channel, int i0, int i1, double f) {
        return channel[i0] + f * (channel[i1] - channel[i0]);
    }

    DriverLoop loop(DriverFamily family, int driver) {
        return loops.get(family).get(driver - 1);
    }
}
