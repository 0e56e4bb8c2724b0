package org.opentalks.reenact.quality;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.Expression;
import org.opentalks.reenact.AnimationSettings;
import org.opentalks.reenact.Performance;
import org.opentalks.vision.FaceAnalyzer;

/**
 * The animation's acceptance tests: real renders of both sample portraits speaking real espeak-ng
 * speech (about 10 s, with pauses at commas and full stops and several p/b/m), measured frame by
 * frame with an instrument independent of the one that placed the rig: dlib's own C++ HOG face
 * detector and shape predictor ({@link DlibLandmarks}), where the rig was placed by the project's
 * analyser (BlazeFace boxes, the Java port of the predictor), which here only prepares the portraits.
 * {@link LandmarkInstrumentsAgreeTest} checks that the two agree on the unanimated photos. Each
 * scenario is rendered once and shared by the tests that need it.
 *
 * <p>Scenarios: {@code talk} (D-ID's default settings, the idle driver's head motion and blinks),
 * {@code still} (the same with {@code motion_factor 0}, also the neutral baseline the expressions
 * are compared with, frame by frame, so that speech affects both sides alike), one render per
 * expression, and a one-frame render of the rest pose.
 */
@Tag("it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnimationQualityTest {
    static final double FPS = 25;
    static final String SCRIPT = "Good morning, everyone. My name is Pam, and I make maps. Before we begin, "
            + "please remember: big problems become simple, one step at a time. Thank you.";
    static final long DRIVER_SEED = 11;

    /** Silences: REST runs at least this long (s), judged this far (s) from their edges. */
    static final double MIN_SILENCE = 0.25;
    static final double SILENCE_MARGIN = 0.08;
    /**
     * A closed mouth may read this much (inter-ocular distances) more open than the rendered rest
     * pose: lips parted by 0.03 iod (3 px at the samples' iod of ≈95 px) still look closed at 512².
     * Measured with dlib's C++ tool, the rest pose reads 0.007 iod on both portraits and the frames
     * the renderer holds closed (silences, middles of p/b/m) 0.003–0.031, the largest on Grace
     * Hopper's 'b' at 4.4 s: the instrument's noise on a closed mouth, within the tolerance.
     */
    static final double CLOSED_TOLERANCE = 0.03;
    /**
     * Pearson's r that the lip opening must reach with the loudness, at the best lag within ±1 frame
     * (issue 11).
     */
    static final double MIN_LOUDNESS_CORRELATION = 0.7;
    /** Loudness floor below the loudest frame (dB): pauses all read as equally silent. */
    static final double LOUDNESS_FLOOR_DB = 50;
    /**
     * With {@code motion_factor 0} the middle of the face may move this far (px) by image
     * registration: a quarter pixel is invisible, and five times what the registration reads on
     * this patch when only the mouth and lids move.
     */
    static final double MAX_STILL_DRIFT = 0.25;
    /**
     * A frame is part of a blink when the eye aspect ratio drops below this share of its median.
     * Measured with dlib's C++ tool on the astronaut (median 0.34): each of the driver's four blinks
     * dips to 0.58–0.63 of the median, and no frame away from a blink reads below 0.94 (printed), so
     * the threshold sits between the two. (The lids never read fully shut: at the blinks'
     * deepest the ratio is about 0.2, not near 0.)
     */
    static final double BLINK_DIP = 0.75;
    /**
     * At a blink's middle (the nearest frame or one beside it, a blink lasting 4.5 frames) the eye aspect
     * ratio must be at most this share of the open eye's (the talk's median), as issue 11 asks. Measured
     * with dlib's C++ tool, the astronaut's four blinks read 0.32–0.38 (printed), where
     * the stretched lash line read 0.58–0.63 and a darker lid of the skin just above the lashes 0.43–0.51.
     */
    static final double SHUT_SHARE = 0.5;

    /**
     * Smallest expression changes that count as "clearly visible", in iod: at the samples' iod of
     * ≈100 px on a 512² frame, 0.03 iod is 3 px on a mouth corner or brow held for seconds. The
     * detector's reading of one frame wanders by up to ±0.05 iod, but the median over the talk's
     * ≈250 paired frames is known to ≈±0.003 (the standard error is printed: 0.0003–0.0025 with
     * dlib's C++ tool).
     */
    static final double MIN_SMILE = 0.03;
    static final double MIN_BROW_RAISE = 0.03;
    static final double MIN_BROW_LOWER = 0.015;
    /** Half intensity must move the face between these shares of full intensity's change. */
    static final double MIN_HALF_RATIO = 0.25;
    static final double MAX_HALF_RATIO = 0.8;
    static final int TRANSITION_START = 100;
    static final int TRANSITION_FRAMES = 20;

    /** Mean luma may drift this far (levels) from the photo's; a black or blown-out frame is far beyond. */
    static final double MAX_LUMA_DRIFT = 6;
    /** Largest ratio of a frame's 99.9th-percentile luma step in the head box to the photo's own. */
    static final double MAX_GRADIENT_RATIO = 1.5;
    /**
     * Largest mean absolute luma change between consecutive frames in the head box, as a multiple
     * of the talk's median change. Speech, blinks and head motion change a textured face (Grace
     * Hopper's wrinkles and glasses) far more per frame than a smooth one, so an absolute bound
     * would be wrong for one of them; what no frame may do is jump far above the talk's own pace, as
     * a torn, shifted or flashing frame would (those change the head box many times over). The
     * largest legitimate steps, measured, are a blink's closing coinciding with the first word
     * (about 3× the median on the smooth-skinned astronaut); the engine limits the lips to about
     * 190 mm/s, so a full open a takes two to three frames to close.
     */
    static final double MAX_FRAME_STEP_RATIO = 4;

    private FaceAnalyzer analyzer;
    private DlibLandmarks instrument;
    private SpokenScript speech;
    private DriverTrack driver;
    private float[] energy;
    private int frames;
    private List<Fixtures.Portrait> portraits;
    private final Map<String, Render> renders = new HashMap<>();

    @BeforeAll
    void prepare() {
        analyzer = Fixtures.analyzer();
        instrument = DlibLandmarks.start();
        portraits = Fixtures.portraits(analyzer);
        TalkInputs inputs = TalkInputs.of(SCRIPT, FPS, DRIVER_SEED);
        speech = inputs.speech();
        frames = inputs.frames();
        driver = inputs.driver();
        energy = inputs.energy();
        System.out.printf(Locale.ROOT, "script: %.2f s, %d frames at %.0f fps, %d viseme segments, blinks at %s%n",
                speech.durationSeconds(), frames, FPS, speech.visemes().segments().size(), driver.blinkStarts());
    }

    @AfterAll
    void close() {
        System.out.println("dlib's landmark tool at " + Fixtures.SIZE + "²: " + instrument.timing());
        instrument.close();
        analyzer.close();
    }

    static AnimationSettings still() {
        return AnimationSettings.DEFAULT.withMotionFactor(0);
    }

    static AnimationSettings expression(String name, double intensity, int startFrame, int transitionFrames) {
        return still().withExpressions(new DriverExpressions(List.of(new Expression(startFrame, name, intensity)),
                transitionFrames));
    }

    static AnimationSettings settings(String scenario) {
        return switch (scenario) {
            case "talk" -> AnimationSettings.DEFAULT;
            case "still" -> still();
            case "happy" -> expression("happy", 1, 0, 0);
            case "happy-half" -> expression("happy", 0.5, 0, 0);
            case "surprise" -> expression("surprise", 1, 0, 0);
            case "serious" -> expression("serious", 1, 0, 0);
            case "happy-late" -> expression("happy", 1, TRANSITION_START, TRANSITION_FRAMES);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    private Performance performance(String scenario) {
        return new Performance(speech.visemes(), energy, driver, settings(scenario));
    }

    /** The scenario's render of the portrait, rendered and measured on first use. */
    private Render render(Fixtures.Portrait portrait, String scenario) {
        String key = portrait.name() + "/" + scenario;
        Render cached = renders.get(key);
        if (cached == null) {
            long start = System.nanoTime();
            cached = Render.of(portrait, performance(scenario), FPS, frames, instrument, i -> false);
            System.out.printf(Locale.ROOT, "rendered and measured %s in %.1f s%n", key,
                    (System.nanoTime() - start) / 1e9);
            renders.put(key, cached);
        }
        return cached;
    }

    /**
     * Writes frames of a scenario as PNGs under target/quality for a person to look at, rendering
     * it again (renders are deterministic) rather than holding every frame of every render.
     */
    private void writeFrames(Fixtures.Portrait portrait, String scenario, String label, List<Integer> indices) {
        Render again = Render.of(portrait, performance(scenario), FPS, 1 + indices.stream().mapToInt(i -> i).max()
                .orElse(0), null, indices::contains);
        for (int i : indices) {
            Fixtures.writePng(again.kept().get(i), Fixtures.SIZE, portrait.name() + "-" + label + "-f" + i);
        }
    }

    /** What the instrument reads off the rest pose: no speech, still head, first frame. */
    private FaceMeasure restPose(Fixtures.Portrait portrait) {
        VisemeTrack silent = new VisemeTrack(1, speech.sampleRate(), "silence", List.of());
        DriverTrack none = new DriverTrack("test://none", FPS, List.of(), List.of());
        return Render.of(portrait, new Performance(silent, null, none, still()), FPS, 1, instrument, i -> false)
                .faces().get(0);
    }

    // ---- 1. lips follow loudness -------------------------------------------------------------

    /**
     * The loudness is in dB (floored 50 dB below the loudest frame), not linear RMS: a vowel's
     * RMS varies tenfold with stress and vowel quality while the jaw's opening varies far less, so
     * a linear envelope is dominated by a few loud peaks; the dB scale is how loudness is heard and
     * spreads the talk's frames evenly. The linear r is printed for comparison.
     */
    @Test
    void lipOpeningFollowsTheLoudness() {
        double[] loudness = speech.loudnessDb(FPS, frames, LOUDNESS_FLOOR_DB);
        double[] linear = speech.rms(FPS, frames);
        List<Executable> checks = new ArrayList<>();
        for (Fixtures.Portrait portrait : portraits) {
            double[] opening = render(portrait, "talk").series(FaceMeasure::opening);
            double best = -1;
            StringBuilder line = new StringBuilder();
            for (int lag = -1; lag <= 1; lag++) {
                double r = Series.pearson(opening, loudness, lag);
                best = Math.max(best, r);
                line.append(String.format(Locale.ROOT, " lag %+d r %.3f (linear %.3f);", lag, r,
                        Series.pearson(opening, linear, lag)));
            }
            System.out.printf(Locale.ROOT, "%s: inner-lip opening of frame i vs loudness (dB) of frame i + lag "
                    + "(+1: the mouth leads the sound by a frame):%s best %.3f%n", portrait.name(), line, best);
            double r = best;
            checks.add(() -> assertTrue(r >= MIN_LOUDNESS_CORRELATION, portrait.name()
                    + ": the lip opening correlates with loudness at r = " + r + " at best, want ≥ "
                    + MIN_LOUDNESS_CORRELATION));
        }
        assertAll(checks);
    }

    // ---- 2. closed mouth in silences and on p/b/m ------------------------------------------------

    /** Frames inside silences, away from their edges. */
    private List<Integer> silenceFrames() {
        List<Integer> out = new ArrayList<>();
        for (VisemeSegment s : speech.visemes().segments()) {
            if (s.viseme() == Viseme.REST && s.end() - s.start() >= MIN_SILENCE) {
                for (int i = (int) Math.ceil((s.start() + SILENCE_MARGIN) * FPS);
                     i / FPS <= s.end() - SILENCE_MARGIN && i < frames; i++) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** The frame nearest the middle of each p/b/m. */
    private List<Integer> pbmFrames() {
        List<Integer> out = new ArrayList<>();
        for (VisemeSegment s : speech.visemes().segments()) {
            int i = (int) Math.round((s.start() + s.end()) / 2 * FPS);
            if (s.viseme() == Viseme.PBM && i < frames) {
                out.add(i);
            }
        }
        return out;
    }

    private List<Integer> closedMouthFrames() {
        List<Integer> out = new ArrayList<>(silenceFrames());
        out.addAll(pbmFrames());
        return out;
    }

    @Test
    void mouthIsClosedInSilencesAndOnEveryPbm() {
        List<Integer> silences = silenceFrames();
        List<Integer> pbm = pbmFrames();
        assertTrue(silences.size() >= 10 && pbm.size() >= 5, "the script should have pauses and p/b/m: "
                + silences.size() + " silent frames, " + pbm.size() + " p/b/m");
        List<Executable> checks = new ArrayList<>();
        for (Fixtures.Portrait portrait : portraits) {
            Render talk = render(portrait, "talk");
            double rest = restPose(portrait).opening();
            double tolerance = rest + CLOSED_TOLERANCE;
            Worst silence = Worst.of(talk, silences);
            Worst closure = Worst.of(talk, pbm);
            System.out.printf(Locale.ROOT, "%s: rest pose opening %.3f iod, tolerance %.3f; %d silent frames, "
                            + "worst %.3f at frame %d; %d p/b/m, worst %.3f at frame %d (%s)%n", portrait.name(), rest,
                    tolerance, silences.size(), silence.opening, silence.frame, pbm.size(), closure.opening,
                    closure.frame, segmentAt(closure.frame));
            System.out.printf(Locale.ROOT, "%s: p/b/m openings %s%n", portrait.name(), openings(talk, pbm));
            List<String> open = new ArrayList<>();
            for (int i : pbm) {
                if (talk.faces().get(i).opening() > tolerance) {
                    open.add(String.format(Locale.ROOT, "f%d %.3f (frames before/after %.3f/%.3f) in %s", i,
                            talk.faces().get(i).opening(), talk.faces().get(i - 1).opening(),
                            talk.faces().get(Math.min(frames - 1, i + 1)).opening(), segmentAt(i)));
                }
            }
            System.out.printf(Locale.ROOT, "%s: p/b/m open beyond the tolerance: %s%n", portrait.name(), open);
            writeFrames(portrait, "talk", "closed", List.of(silence.frame, closure.frame - 1, closure.frame));
            checks.add(() -> assertTrue(silence.opening <= tolerance, portrait.name() + ": the mouth is open by "
                    + silence.opening + " iod at frame " + silence.frame + " in a silence (tolerance " + tolerance
                    + ")"));
            checks.add(() -> assertTrue(closure.opening <= tolerance, portrait.name() + ": the mouth is open by "
                    + closure.opening + " iod at frame " + closure.frame + ", the middle of "
                    + segmentAt(closure.frame) + " (tolerance " + tolerance + ")"));
        }
        assertAll(checks);
    }

    private record Worst(int frame, double opening) {
        static Worst of(Render render, List<Integer> frames) {
            Worst worst = new Worst(-1, Double.NEGATIVE_INFINITY);
            for (int i : frames) {
                double opening = render.faces().get(i).opening();
                if (opening > worst.opening) {
                    worst = new Worst(i, opening);
                }
            }
            return worst;
        }
    }

    private String openings(Render render, List<Integer> frames) {
        StringBuilder out = new StringBuilder();
        for (int i : frames) {
            out.append(String.format(Locale.ROOT, "f%d %.3f, ", i, render.faces().get(i).opening()));
        }
        return out.toString();
    }

    private String segmentAt(int frame) {
        double t = frame / FPS;
        return speech.visemes().segments().stream().filter(s -> t >= s.start() && t < s.end())
                .map(s -> String.format(Locale.ROOT, "%s '%s' %.3f–%.3f s", s.viseme(), s.phoneme(), s.start(),
                        s.end()))
                .findFirst().orElse("after the speech");
    }

    // ---- 3. blinks -------------------------------------------------------------------------------

    @Test
    void eyesBlinkTwoToSixTimesInTenSeconds() {
        List<Executable> checks = new ArrayList<>();
        for (Fixtures.Portrait portrait : portraits) {
            double[] ear = render(portrait, "talk").series(FaceMeasure::eyeOpenness);
            double threshold = BLINK_DIP * Series.median(ear);
            List<int[]> blinks = dips(ear, threshold);
            StringBuilder seen = new StringBuilder();
            for (int[] b : blinks) {
                seen.append(String.format(Locale.ROOT, "frames %d–%d (min %.3f), ", b[0], b[1],
                        Series.min(Arrays.copyOfRange(ear, b[0], b[1] + 1))));
            }
            System.out.printf(Locale.ROOT, "%s: eye aspect ratio median %.3f, min %.3f; %d blinks seen: %s"
                            + "driver blinks start at frames %s%n", portrait.name(), Series.median(ear),
                    Series.min(ear), blinks.size(), seen, driver.blinkStarts().stream()
                            .map(t -> String.format(Locale.ROOT, "%.1f", t * FPS)).toList());
            System.out.printf(Locale.ROOT, "%s: eye aspect ratio as a share of its median (a blink below %.2f): %s%n",
                    portrait.name(), BLINK_DIP, blinkContrast(ear));
            List<Integer> closing = new ArrayList<>();
            for (double start : driver.blinkStarts()) {
                for (int i = (int) Math.ceil(start * FPS); i < start * FPS + 4 && i < frames; i++) {
                    closing.add(i);
                }
            }
            writeFrames(portrait, "talk", "blink", closing);
            // On the pixels: with the head still, only the lids change the eye region.
            double[] eyes = render(portrait, "still").eyeChange();
            List<int[]> closings = dips(Arrays.stream(eyes).map(v -> -v).toArray(), -BLINK_EYE_CHANGE);
            System.out.printf(Locale.ROOT, "%s: eye region change from frame 0 with a still head: max %.1f levels, "
                    + "median %.2f; %d blinks seen at frames %s%n", portrait.name(), Series.max(eyes),
                    Series.median(eyes), closings.size(), closings.stream().map(b -> b[0] + "–" + b[1]).toList());
            int count = blinks.size();
            int shut = closings.size();
            if (portrait.detectorReadsEyes()) {
                checks.add(() -> assertTrue(count >= 2 && count <= 6, portrait.name() + ": the detector sees " + count
                        + " blinks in " + speech.durationSeconds() + " s, want 2 to 6"));
                // Every blink reads as shut: at its middle the eye aspect ratio is at most half the open eye's.
                double open = Series.median(ear);
                for (double start : driver.blinkStarts()) {
                    int middle = (int) Math.round((start + DriverTrack.BLINK_SECONDS / 2) * FPS);
                    double atMiddle = Series.min(Arrays.copyOfRange(ear, Math.max(0, middle - 1),
                            Math.min(frames, middle + 2)));
                    checks.add(() -> assertTrue(atMiddle <= SHUT_SHARE * open, String.format(Locale.ROOT,
                            "%s: the blink starting at %.2f s reads %.3f at its middle, open %.3f: want at most %.0f %%",
                            portrait.name(), start, atMiddle, open, 100 * SHUT_SHARE)));
                }
            }
            checks.add(() -> assertTrue(shut >= 2 && shut <= 6, portrait.name() + ": the eye region closes " + shut
                    + " times in " + speech.durationSeconds() + " s, want 2 to 6"));
        }
        assertAll(checks);
    }

    /** Whether frame {@code i} lies within a frame of one of the driver's blinks. */
    private boolean inBlink(int i) {
        for (double start : driver.blinkStarts()) {
            if (i >= start * FPS - 1 && i <= (start + DriverTrack.BLINK_SECONDS) * FPS + 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * The eye aspect ratio's lowest reading, as a share of its median, in each of the driver's blinks
     * and in the frames away from them: the margin that {@link #BLINK_DIP} sits in.
     */
    private String blinkContrast(double[] ear) {
        double median = Series.median(ear);
        StringBuilder out = new StringBuilder("lowest in each blink");
        for (double start : driver.blinkStarts()) {
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = (int) Math.ceil(start * FPS); i <= (start + DriverTrack.BLINK_SECONDS) * FPS && i < frames;
                 i++) {
                lowest = Math.min(lowest, ear[i]);
            }
            out.append(String.format(Locale.ROOT, " %.3f", lowest / median));
        }
        int open = -1;
        for (int i = 0; i < ear.length; i++) {
            if (!inBlink(i) && (open < 0 || ear[i] < ear[open])) {
                open = i;
            }
        }
        return out.append(String.format(Locale.ROOT, "; lowest away from blinks %.3f (frame %d)", ear[open] / median,
                open)).toString();
    }

    /**
     * A blink by the pixels: the eye region's mean change from the open-eyed first frame (levels).
     * Lids closing over the eye change it by tens of levels; with a still head nothing else does.
     */
    static final double BLINK_EYE_CHANGE = 6;

    /** Runs of consecutive values below {@code threshold}, as [first, last] frame. */
    static List<int[]> dips(double[] series, double threshold) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < series.length; i++) {
            if (series[i] < threshold) {
                int from = i;
                while (i + 1 < series.length && series[i + 1] < threshold) {
                    i++;
                }
                out.add(new int[] {from, i});
            }
        }
        return out;
    }

    // ---- 4. motion_factor 0 holds the head still ---------------------------------------------------

    /**
     * The detected face centre's largest distance from its mean over the talk, blinks left out, must
     * stay within 1 px. The detector is deterministic, so on identical copies of a still face it does not move
     * at all; its sensitivity to pixel noise is measured on copies of the crop with ±2 levels of
     * noise and printed. Independently of the detector, image registration of the patch between
     * the eyes and down the nose must find it within {@link #MAX_STILL_DRIFT} of frame 0.
     */
    @Test
    void motionFactorZeroHoldsTheFaceCentreWithinAPixel() {
        List<Executable> checks = new ArrayList<>();
        for (Fixtures.Portrait portrait : portraits) {
            Render still = render(portrait, "still");
            // The centre includes the eye corners, which a detector reads less surely on a closed eye:
            // frames of a blink are left out here (image registration below covers every frame).
            int[] open = IntStream.range(0, still.frames()).filter(i -> !blinking(i)).toArray();
            double[] x = Arrays.stream(open).mapToDouble(i -> still.faces().get(i).centreX()).toArray();
            double[] y = Arrays.stream(open).mapToDouble(i -> still.faces().get(i).centreY()).toArray();
            double fromMean = largestDistance(x, y, mean(x), mean(y));
            double fromFirst = largestDistance(x, y, x[0], y[0]);
            double jitter = noiseJitter(portrait);
            System.out.printf(Locale.ROOT, "%s: motion_factor 0, face centre moves up to %.2f px from its mean "
                            + "(%.2f px from frame 0, frame %d); detector jitter on noisy copies of the still crop "
                            + "%.2f px; by image registration the patch between the eyes moves up to %.2f px "
                            + "(%.2f px with motion_factor 1)%n", portrait.name(), fromMean, fromFirst,
                    farthest(x, y, mean(x), mean(y)), jitter, Series.max(still.drift()),
                    Series.max(render(portrait, "talk").drift()));
            double registered = Series.max(still.drift());
            if (portrait.detectorReadsEyes()) {
                checks.add(() -> assertTrue(fromMean <= 1, portrait.name() + ": with motion_factor 0 the face centre "
                        + "moves " + fromMean + " px from its mean (detector jitter on still copies: " + jitter
                        + " px; image registration: " + registered + " px)"));
            }
            checks.add(() -> assertTrue(registered <= MAX_STILL_DRIFT, portrait.name() + ": with motion_factor 0 "
                    + "the middle of the face moves " + registered + " px (image registration)"));
        }
        assertAll(checks);
    }

    /** Whether frame {@code i} lies within one of the driver's blinks (with a frame's margin each side). */
    private boolean blinking(int i) {
        double t = i / FPS;
        return driver.blinkStarts().stream().anyMatch(start -> t >= start - 1 / FPS
                && t <= start + DriverTrack.BLINK_SECONDS + 1 / FPS);
    }

    /** The centre's largest distance from its mean over 16 copies of the crop with ±2 levels of noise. */
    private double noiseJitter(Fixtures.Portrait portrait) {
        Random random = new Random(1);
        int copies = 16;
        double[] x = new double[copies];
        double[] y = new double[copies];
        for (int k = 0; k < copies; k++) {
            byte[] noisy = portrait.crop().clone();
            for (int i = 0; i < noisy.length; i++) {
                int v = (noisy[i] & 0xff) + random.nextInt(5) - 2;
                noisy[i] = (byte) Math.max(0, Math.min(255, v));
            }
            FaceMeasure face = Render.measure(instrument, noisy, k);
            x[k] = face.centreX();
            y[k] = face.centreY();
        }
        return largestDistance(x, y, mean(x), mean(y));
    }

    static double largestDistance(double[] x, double[] y, double cx, double cy) {
        int i = farthest(x, y, cx, cy);
        return Math.hypot(x[i] - cx, y[i] - cy);
    }

    static int farthest(double[] x, double[] y, double cx, double cy) {
        int most = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.hypot(x[i] - cx, y[i] - cy) > Math.hypot(x[most] - cx, y[most] - cy)) {
                most = i;
            }
        }
        return most;
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    // ---- 5. expressions ---------------------------------------------------------------------------

    /**
     * The median over the talk of the frame-by-frame change from the neutral render, and its
     * standard error (1.2533 σ / √n for the median of normal data, σ estimated as 1.4826 × the
     * median absolute deviation).
     */
    record Change(double median, double standardError) {
        static Change of(double[] expressive, double[] neutral) {
            double[] d = Series.difference(expressive, neutral);
            double median = Series.median(d);
            double[] deviation = Arrays.stream(d).map(v -> Math.abs(v - median)).toArray();
            return new Change(median, 1.2533 * 1.4826 * Series.median(deviation) / Math.sqrt(d.length));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%+.4f ± %.4f", median, standardError);
        }
    }

    private Change change(Fixtures.Portrait portrait, String scenario, ToDoubleFunction<FaceMeasure> quantity) {
        return Change.of(render(portrait, scenario).series(quantity), render(portrait, "still").series(quantity));
    }

    /** Largest brow shift (px) the registration looks for. */
    static final int BROW_RADIUS = 14;

    /** Pixels the brow region (17–26 and a margin) rose between the neutral and the expressive first frame. */
    private double browLift(Fixtures.Portrait portrait, String scenario) {
        FramePixels.Box brows = FramePixels.Box.around(portrait.landmarks().subList(17, 27), 0.1, Fixtures.SIZE);
        int[] neutral = FramePixels.luma(Render.of(portrait, performance("still"), FPS, 1, null, i -> i == 0)
                .kept().get(0));
        int[] expressive = FramePixels.luma(Render.of(portrait, performance(scenario), FPS, 1, null, i -> i == 0)
                .kept().get(0));
        return -FramePixels.shift(neutral, expressive, Fixtures.SIZE, brows, BROW_RADIUS)[1];
    }

    @Test
    void expressionsMoveCornersAndBrowsAndScaleWithIntensity() {
        List<Executable> checks = new ArrayList<>();
        for (Fixtures.Portrait portrait : portraits) {
            Change smile = change(portrait, "happy", FaceMeasure::cornerHeight);
            Change halfSmile = change(portrait, "happy-half", FaceMeasure::cornerHeight);
            Change surprise = change(portrait, "surprise", FaceMeasure::browHeight);
            Change serious = change(portrait, "serious", FaceMeasure::browHeight);
            double ratio = halfSmile.median() / smile.median();
            double iod = render(portrait, "still").faces().get(0).interOcular();
            int quiet = silenceFrames().get(0);
            for (String scenario : List.of("still", "happy", "happy-half", "surprise", "serious")) {
                writeFrames(portrait, scenario, "expression-" + scenario, List.of(quiet));
            }
            System.out.printf(Locale.ROOT, "%s (iod %.1f px), median change from neutral in iod: mouth corners happy "
                            + "%s, happy 0.5 %s (ratio %.2f), serious %s, surprise %s; brows surprise %s, serious %s, "
                            + "happy %s%n", portrait.name(), iod, smile, halfSmile, ratio,
                    change(portrait, "serious", FaceMeasure::cornerHeight),
                    change(portrait, "surprise", FaceMeasure::cornerHeight), surprise, serious,
                    change(portrait, "happy", FaceMeasure::browHeight));
            checks.add(() -> assertTrue(smile.median() >= MIN_SMILE, portrait.name()
                    + ": happy raises the mouth corners by " + smile + " iod, want ≥ " + MIN_SMILE));
            if (portrait.detectorReadsEyes()) {
                checks.add(() -> assertTrue(surprise.median() >= MIN_BROW_RAISE, portrait.name()
                        + ": surprise raises the brows by " + surprise + " iod, want ≥ " + MIN_BROW_RAISE));
                checks.add(() -> assertTrue(serious.median() <= -MIN_BROW_LOWER, portrait.name()
                        + ": serious moves the brows by " + serious + " iod, want ≤ " + -MIN_BROW_LOWER));
            }
            // On the pixels: how far the brow region's content moved up from the neutral first frame.
            double surpriseLift = browLift(portrait, "surprise") / iod;
            double seriousLift = browLift(portrait, "serious") / iod;
            System.out.printf(Locale.ROOT, "%s: by image registration the brows rise %+.4f iod with surprise, "
                    + "%+.4f with serious%n", portrait.name(), surpriseLift, seriousLift);
            checks.add(() -> assertTrue(surpriseLift >= MIN_BROW_RAISE, portrait.name()
                    + ": surprise lifts the brow region by " + surpriseLift + " iod (registration), want ≥ "
                    + MIN_BROW_RAISE));
            checks.add(() -> assertTrue(seriousLift <= -MIN_BROW_LOWER, portrait.name()
                    + ": serious moves the brow region by " + seriousLift + " iod (registration), want ≤ "
                    + -MIN_BROW_LOWER));
            checks.add(() -> assertTrue(ratio >= MIN_HALF_RATIO && ratio <= MAX_HALF_RATIO, portrait.name()
                    + ": happy at intensity 0.5 moves the corners " + ratio + " of intensity 1, want "
                    + MIN_HALF_RATIO + "–" + MAX_HALF_RATIO));
        }
        assertAll(checks);
    }

    /**
     * Happy from frame 100 over 20 frames: every frame before 100 is the neutral render's, byte for
     * byte, and from frame 120 on the detected corner raise is the full expression's (within 10 %).
     */
    @Test
    void expressionTransitionStartsAndEndsOnTime() {
        List<Executable> checks = new ArrayList<>();
        int done = TRANSITION_START + TRANSITION_FRAMES;
        for (Fixtures.Portrait portrait : portraits) {
            Render neutral = render(portrait, "still");
            Render late = render(portrait, "happy-late");
            Render full = render(portrait, "happy");
            int changedBefore = 0;
            for (int i = 0; i < TRANSITION_START; i++) {
                if (!Arrays.equals(late.digests().get(i), neutral.digests().get(i))) {
                    changedBefore++;
                }
            }
            double[] lateRaise = Series.difference(late.series(FaceMeasure::cornerHeight),
                    neutral.series(FaceMeasure::cornerHeight));
            double[] fullRaise = Series.difference(full.series(FaceMeasure::cornerHeight),
                    neutral.series(FaceMeasure::cornerHeight));
            double after = Series.median(Arrays.copyOfRange(lateRaise, done, frames));
            double target = Series.median(Arrays.copyOfRange(fullRaise, done, frames));
            StringBuilder ramp = new StringBuilder();
            for (int i = TRANSITION_START - 2; i <= done + 2; i += 2) {
                ramp.append(String.format(Locale.ROOT, "f%d %.3f, ", i, lateRaise[i]));
            }
            System.out.printf(Locale.ROOT, "%s: happy from frame %d over %d: %d frames changed before it; corner "
                            + "raise from frame %d %.4f iod vs %.4f for happy throughout; ramp %s%n", portrait.name(),
                    TRANSITION_START, TRANSITION_FRAMES, changedBefore, done, after, target, ramp);
            int changed = changedBefore;
            checks.add(() -> assertEquals(0, changed, portrait.name() + ": frames before the expression starts "
                    + "differ from the neutral render"));
            checks.add(() -> assertTrue(Math.abs(after - target) <= 0.1 * Math.abs(target), portrait.name()
                    + ": from frame " + done + " the corners are raised by " + after + " iod, the full expression by "
                    + target));
        }
        assertAll(checks);
    }

    // ---- 6. no black, torn or jumpy frames ----------------------------------------------------------

    @Test
    void framesAreNeitherDarkenedNorTornNorJumpy() {
        List<Executable> checks = new ArrayList<>();
        for (Fixtures.Portrait portrait : portraits) {
            Render talk = render(portrait, "talk");
            int[] photo = FramePixels.luma(portrait.crop());
            FramePixels.Box head = FramePixels.Box.around(portrait.landmarks(), 0, Fixtures.SIZE);
            double photoMean = FramePixels.mean(photo);
            double photoGradient = FramePixels.gradientQuantile(photo, Fixtures.SIZE, head,
                    Render.mouthRegion(portrait.landmarks(), Fixtures.SIZE), Render.GRADIENT_QUANTILE);
            double drift = 0;
            for (double m : talk.meanLuma()) {
                drift = Math.max(drift, Math.abs(m - photoMean));
            }
            double gradientRatio = Series.max(talk.gradient()) / photoGradient;
            int worstGradient = argMax(talk.gradient());
            double step = Series.max(talk.step());
            int worstStep = argMax(talk.step());
            System.out.printf(Locale.ROOT, "%s: mean luma drifts up to %.2f from the photo's %.1f; 99.9th percentile "
                            + "luma step in the head box %s: photo %.0f, frames median %.0f, max %.0f (ratio %.2f, "
                            + "frame %d); consecutive-frame change median %.2f, max %.2f (frame %d)%n", portrait.name(),
                    drift, photoMean, head, photoGradient, Series.median(talk.gradient()), Series.max(talk.gradient()),
                    gradientRatio, worstGradient, Series.median(talk.step()), step, worstStep);
            writeFrames(portrait, "talk", "steps", List.of(worstGradient, worstStep - 1, worstStep));
            double d = drift;
            checks.add(() -> assertTrue(d <= MAX_LUMA_DRIFT, portrait.name() + ": mean luma drifts " + d
                    + " levels from the photo's"));
            checks.add(() -> assertTrue(gradientRatio <= MAX_GRADIENT_RATIO, portrait.name() + ": frame "
                    + worstGradient + " has luma steps " + gradientRatio + "× the photo's largest (torn, or edges "
                    + "sharper than any in the photo)"));
            double pace = Series.median(talk.step());
            checks.add(() -> assertTrue(step <= MAX_FRAME_STEP_RATIO * pace, portrait.name() + ": frame " + worstStep
                    + " differs from the previous one by " + step + " levels on average, the talk's median "
                    + pace));
        }
        assertAll(checks);
    }

    static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    // ---- 7. determinism ----------------------------------------------------------------------------

    @Test
    void sameInputsGiveIdenticalBytes() {
        for (Fixtures.Portrait portrait : portraits) {
            Render first = render(portrait, "talk");
            IntPredicate none = i -> false;
            Render again = Render.of(portrait, new Performance(speech.visemes(), energy, driver,
                    AnimationSettings.DEFAULT), FPS, frames, null, none);
            assertEquals(first.frames(), again.frames());
            for (int i = 0; i < first.frames(); i++) {
                assertArrayEquals(first.digests().get(i), again.digests().get(i), portrait.name() + ": frame " + i
                        + " differs between two renders of the same talk");
            }
        }
    }
}
