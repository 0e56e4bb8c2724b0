package org.opentalks.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

class DriverBankTest {
    private static DriverBank bank;

    @BeforeAll
    static void load() {
        long start = System.nanoTime();
        bank = DriverBank.load();
        System.out.printf("driver bank loaded in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @Test
    void listsTheFamiliesAndTheirDrivers() {
        assertEquals(List.of("lively", "subtle", "natural"), bank.families());
        assertEquals(List.of("driver-01", "driver-02", "driver-03", "driver-04", "driver-05", "driver-06"),
                bank.drivers("lively"));
        assertEquals(4, bank.drivers("subtle").size());
        assertEquals(4, bank.drivers("natural").size());
        assertThrows(UnknownDriverException.class, () -> bank.drivers("foo"));
    }

    @Test
    void everyLoopWrapsWithoutAJumpOrAKink() {
        for (DriverFamily family : DriverFamily.values()) {
            for (int n = 1; n <= family.drivers(); n++) {
                DriverLoop loop = bank.loop(family, n);
                double[][] channels = {loop.yaw, loop.pitch, loop.roll, loop.tx, loop.ty, loop.scale, loop.brow};
                for (int c = 0; c < channels.length; c++) {
                    double[] v = channels[c];
                    int last = v.length - 1;
                    double maxStep = 0;
                    double maxKink = 0;
                    for (int i = 1; i <= last; i++) {
                        maxStep = Math.max(maxStep, Math.abs(v[i] - v[i - 1]));
                    }
                    for (int i = 1; i < last; i++) {
                        maxKink = Math.max(maxKink, Math.abs(v[i + 1] - 2 * v[i] + v[i - 1]));
                    }
                    double jump = Math.abs(v[0] - v[last]);
                    double kinkAtEnd = Math.abs(v[0] - 2 * v[last] + v[last - 1]);
                    double kinkAtStart = Math.abs(v[1] - 2 * v[0] + v[last]);
                    String what = loop.name + " " + DriverLoop.CHANNELS[c];
                    assertTrue(jump <= maxStep, what + ": jump " + jump + " at the wrap, steps up to " + maxStep);
                    assertTrue(Math.max(kinkAtEnd, kinkAtStart) <= maxKink,
                            what + ": velocity change " + kinkAtStart + "/" + kinkAtEnd + ", elsewhere " + maxKink);
                }
                double[] b = loop.blinkStarts;
                for (int i = 0; i < b.length; i++) {
                    double gap = i + 1 < b.length ? b[i + 1] - b[i] : b[0] + loop.seconds() - b[i];
                    assertTrue(gap >= 2 && gap <= 6, loop.name + ": blink gap " + gap + " s after " + b[i]);
                }
            }
        }
    }

    /** Yaw bounds from the design: lively up to about ±4°, natural ±2.8°, subtle ±1.5°. */
    private static final Map<DriverFamily, double[]> BOUNDS = Map.of(
            // max |yaw|, max |pitch|, max |roll| (degrees), max |tx|, |ty| (face widths), max |scale − 1|
            DriverFamily.LIVELY, new double[] {4.0, 2.6, 2.0, 0.012, 0.008},
            DriverFamily.NATURAL, new double[] {2.8, 1.8, 1.4, 0.008, 0.006},
            DriverFamily.SUBTLE, new double[] {1.5, 1.0, 0.8, 0.005, 0.004});

    @Test
    void familiesStayInTheirBoundsAndLivelyMovesMostThenNaturalThenSubtle() {
        double[] familyAmplitude = new double[3];
        double[] familySpeed = new double[3];
        for (DriverFamily family : DriverFamily.values()) {
            double[] bound = BOUNDS.get(family);
            double amplitude = 0;
            double speed = 0;
            double maxSpeed = 0;
            double maxYaw = 0;
            double brow = 0;
            for (int n = 1; n <= family.drivers(); n++) {
                DriverLoop loop = bank.loop(family, n);
                String name = loop.name;
                double yawMax = maxAbs(loop.yaw);
                assertTrue(yawMax <= bound[0] + 1e-3 && yawMax >= 0.8 * bound[0], name + " max |yaw| " + yawMax);
                assertTrue(maxAbs(loop.pitch) <= bound[1] + 1e-3, name + " max |pitch| " + maxAbs(loop.pitch));
                assertTrue(maxAbs(loop.roll) <= bound[2] + 1e-3, name + " max |roll| " + maxAbs(loop.roll));
                assertTrue(maxAbs(loop.tx) <= bound[3] + 1e-4 && maxAbs(loop.ty) <= bound[3] + 1e-4, name + " shift");
                double[] zoom = loop.scale.clone();
                for (int i = 0; i < zoom.length; i++) {
                    zoom[i] -= 1;
                }
                assertTrue(maxAbs(zoom) <= bound[4] + 1e-4, name + " max |scale - 1| " + maxAbs(zoom));
                // A characteristic look to one side, which auto-match relies on.
                double meanYaw = Math.abs(loop.meanYaw);
                assertTrue(meanYaw >= 0.5 && meanYaw <= 2.0, name + " mean yaw " + loop.meanYaw);
                assertTrue(Math.abs(loop.meanRoll) <= 1, name + " mean roll " + loop.meanRoll);
                double browMax = 0;
                for (double v : loop.brow) {
                    browMax = Math.max(browMax, v);
                }
                assertTrue(browMax >= 0.004 && maxAbs(loop.brow) <= 0.03, name + " brows up to " + browMax);
                double yawSpeedMax = maxSpeed(loop.yaw, loop.fps);
                assertTrue(yawSpeedMax <= 15, name + " yaw speed up to " + yawSpeedMax + " °/s");
                amplitude += rmsAboutMean(loop.yaw) / family.drivers();
                speed += rmsSpeed(loop.yaw, loop.fps) / family.drivers();
                maxSpeed = Math.max(maxSpeed, yawSpeedMax);
                maxYaw = Math.max(maxYaw, yawMax);
                brow = Math.max(brow, browMax);
            }
            System.out.printf("%-7s yaw: RMS about the mean %.2f°, max |yaw| %.2f°, RMS speed %.2f °/s,"
                    + " max speed %.1f °/s; max brow %.3f%n", family.id(), amplitude, maxYaw, speed, maxSpeed, brow);
            familyAmplitude[family.ordinal()] = amplitude;
            familySpeed[family.ordinal()] = speed;
            assertTrue(speed >= 0.2, family + " hardly moves: " + speed + " °/s");
        }
        int lively = DriverFamily.LIVELY.ordinal();
        int natural = DriverFamily.NATURAL.ordinal();
        int subtle = DriverFamily.SUBTLE.ordinal();
        assertTrue(familyAmplitude[lively] > familyAmplitude[natural]
                        && familyAmplitude[natural] > familyAmplitude[subtle],
                () -> "amplitudes " + java.util.Arrays.toString(familyAmplitude));
        assertTrue(familySpeed[lively] > familySpeed[natural] && familySpeed[natural] > familySpeed[subtle],
                () -> "speeds " + java.util.Arrays.toString(familySpeed));
    }

    @Test
    void aMinuteOfTalkBlinksEveryTwoToSixSeconds() {
        for (DriverFamily family : DriverFamily.values()) {
            for (int n = 1; n <= family.drivers(); n++) {
                for (long seed = 0; seed < 5; seed++) {
                    DriverRef ref = new DriverRef(family, n, DriverVariant.ORIGINAL);
                    DriverTrack track = bank.track(ref, false, null, null, 60, 25, seed);
                    List<Double> blinks = track.blinkStarts();
                    String what = ref.url() + " seed " + seed + ": " + blinks;
                    assertTrue(blinks.size() >= 10 && blinks.get(0) <= 6, what);
                    for (int i = 1; i < blinks.size(); i++) {
                        double gap = blinks.get(i) - blinks.get(i - 1);
                        assertTrue(gap >= 2 - 0.011 && gap <= 6 + 0.011, what);
                    }
                    assertTrue(blinks.get(blinks.size() - 1) + DriverTrack.BLINK_SECONDS <= 60, what);
                    assertTrue(blinks.get(blinks.size() - 1) >= 60 - 6 - DriverTrack.BLINK_SECONDS, what);
                }
            }
        }
    }

    @Test
    void cutsCeilDurationTimesFpsFramesAndOnlyWholeBlinks() {
        DriverTrack track = bank.track(DriverRef.parse("bank://natural/driver-02/original"), true, null, null,
                10.25, 25, 3);
        assertEquals(257, track.poses().size());
        assertEquals(257, track.brows().size());
        assertEquals(25, track.fps());
        assertEquals("bank://natural/driver-02/original", track.driverUrl());
        assertTrue(track.blinkStarts().stream().allMatch(t -> t >= 0 && t + DriverTrack.BLINK_SECONDS <= 10.25));
        assertEquals(3, bank.track(null, false, null, null, 0.1, 30, 3).poses().size());
        assertEquals(0, bank.track(null, false, null, null, 0, 30, 3).poses().size());
        assertThrows(IllegalArgumentException.class, () -> bank.track(null, false, null, null, 5, 0, 3));
    }

    @Test
    void resamplesTheLoopLinearlyToTheOutputRate() {
        DriverRef ref = DriverRef.parse("bank://lively/driver-04/original");
        List<HeadPose> at25 = bank.track(ref, false, null, null, 8, 25, 11).poses();
        List<HeadPose> at50 = bank.track(ref, false, null, null, 8, 50, 11).poses();
        assertEquals(400, at50.size());
        for (int i = 0; i + 1 < at25.size(); i++) {
            assertEquals(at25.get(i), at50.get(2 * i));
            assertEquals((at25.get(i).yaw() + at25.get(i + 1).yaw()) / 2, at50.get(2 * i + 1).yaw(), 1e-9);
        }
    }

    @Test
    void flippedMirrorsTheOriginal() {
        DriverRef originalRef = DriverRef.parse("bank://lively/driver-02/original");
        DriverRef flippedRef = DriverRef.parse("bank://lively/driver-02/flipped");
        DriverTrack original = bank.track(originalRef, false, null, null, 30, 25, 5);
        DriverTrack flipped = bank.track(flippedRef, false, null, null, 30, 25, 5);
        assertEquals("bank://lively/driver-02/flipped", flipped.driverUrl());
        for (int i = 0; i < original.poses().size(); i++) {
            HeadPose o = original.poses().get(i);
            HeadPose f = flipped.poses().get(i);
            assertEquals(new HeadPose(-o.yaw(), o.pitch(), -o.roll(), -o.tx(), o.ty(), o.scale()), f);
        }
        assertEquals(original.blinkStarts(), flipped.blinkStarts());
        assertEquals(original.brows(), flipped.brows());
    }

    @Test
    void autoMatchTurnsAFaceBackTowardsFrontal() {
        for (DriverFamily family : DriverFamily.values()) {
            for (long seed = 0; seed < 10; seed++) {
                for (double yaw : new double[] {-12, -3, 3, 12}) {
                    SourcePose source = new SourcePose(yaw, 0, Math.signum(yaw) * 2);
                    DriverRef chosen = bank.choose(new DriverRef(family, 0, null), true, source, seed);
                    double driverYaw = meanYaw(chosen);
                    assertTrue(Math.signum(driverYaw) == -Math.signum(yaw),
                            "source yaw " + yaw + " got " + chosen + " with mean yaw " + driverYaw);
                }
            }
        }
    }

    @Test
    void autoMatchPicksOppositeVariantsForFacesTurnedLeftAndRight() {
        DriverRef driver = DriverRef.parse("bank://lively/driver-03");
        DriverRef right = bank.choose(driver, true, new SourcePose(10, 0, 2), 1);
        DriverRef left = bank.choose(driver, true, new SourcePose(-10, 0, -2), 1);
        assertNotEquals(right.variant(), left.variant());
        assertTrue(meanYaw(right) < 0 && meanYaw(left) > 0, right + " / " + left);

        // The same from photo landmarks: a face turned to image right and its mirror image.
        SourcePose turned = SourcePose.estimate(SyntheticFace.landmarks(14, 2, 3));
        SourcePose mirrored = SourcePose.estimate(SyntheticFace.mirrored(SyntheticFace.landmarks(14, 2, 3)));
        DriverRef forTurned = bank.choose(driver, true, turned, 7);
        DriverRef forMirrored = bank.choose(driver, true, mirrored, 7);
        assertNotEquals(forTurned.variant(), forMirrored.variant());
        assertTrue(meanYaw(forTurned) < 0 && meanYaw(forMirrored) > 0, forTurned + " / " + forMirrored);
        for (DriverFamily family : DriverFamily.values()) {
            DriverTrack a = bank.track(new DriverRef(family, 0, null), true, turned, null, 5, 25, 7);
            DriverTrack b = bank.track(new DriverRef(family, 0, null), true, mirrored, null, 5, 25, 7);
            assertTrue(meanYaw(DriverRef.parse(a.driverUrl())) < 0 && meanYaw(DriverRef.parse(b.driverUrl())) > 0,
                    a.driverUrl() + " / " + b.driverUrl());
        }
    }

    @Test
    void aFrontalFaceLeavesTheChoiceToTheSeed() {
        Set<DriverRef> chosen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            DriverRef ref = bank.choose(DriverRef.parse("bank://lively/driver-03"), true, SourcePose.FRONTAL, seed);
            assertEquals(ref, bank.choose(DriverRef.parse("bank://lively/driver-03"), true, SourcePose.FRONTAL, seed));
            chosen.add(ref);
        }
        assertEquals(2, chosen.size(), chosen::toString);
    }

    @Test
    void withoutAutoMatchUnspecifiedPartsDefaultToDriver01Original() {
        SourcePose turned = new SourcePose(15, 0, 0);
        assertEquals("bank://lively/driver-01/original", bank.choose(null, false, turned, 9).url());
        assertEquals("bank://subtle/driver-01/original",
                bank.choose(DriverRef.parse("bank://subtle/"), false, turned, 9).url());
        assertEquals("bank://natural/driver-03/original",
                bank.choose(DriverRef.parse("bank://natural/driver-03"), false, turned, 9).url());
        // What the client fixed is kept, even where auto-match would choose otherwise.
        DriverRef fixed = DriverRef.parse("bank://lively/driver-01/original");
        assertTrue(meanYaw(fixed) > 0);
        assertEquals(fixed, bank.choose(fixed, true, turned, 9));
    }

    @Test
    void sameInputsGiveEqualTracksAndSeedsVaryThePhase() {
        VisemeTrack speech = speech(6, new double[][] {{0.3, 2.4}, {2.8, 5.5}});
        DriverTrack a = bank.track(null, true, new SourcePose(-5, 1, 0), speech, 6, 25, 42);
        DriverTrack b = bank.track(null, true, new SourcePose(-5, 1, 0), speech, 6, 25, 42);
        assertEquals(a, b);
        DriverTrack c = bank.track(DriverRef.parse(a.driverUrl()), true, null, speech, 6, 25, 43);
        assertNotEquals(a.poses(), c.poses());
    }

    /** Speech 0.3–2.5, 2.9–5.0, 5.3–9.5 (with a 0.08 s stop closure at 7.0), 9.75–11; silence to 12 s. */
    private static final double[][] PHRASES = {{0.3, 2.5}, {2.9, 5.0}, {5.3, 7.0}, {7.08, 9.5}, {9.75, 11}};
    private static final double[][] PAUSES = {{2.5, 2.9}, {5.0, 5.3}, {9.5, 9.75}};

    @Test
    void findsThePausesBetweenPhrasesOnly() {
        List<double[]> pauses = DriverBank.pauses(speech(12, PHRASES));
        assertEquals(PAUSES.length, pauses.size());
        for (int k = 0; k < PAUSES.length; k++) {
            assertEquals(PAUSES[k][0], pauses.get(k)[0], 1e-9);
            assertEquals(PAUSES[k][1], pauses.get(k)[1], 1e-9);
        }
    }

    @Test
    void nodsAtEachPhraseBoundaryAndNotInsideLongSpeech() {
        VisemeTrack speech = speech(12, PHRASES);
        double fps = 25;
        for (DriverFamily family : DriverFamily.values()) {
            for (long seed = 0; seed < 8; seed++) {
                DriverRef ref = new DriverRef(family, 1 + (int) (seed % family.drivers()), DriverVariant.ORIGINAL);
                DriverTrack plain = bank.track(ref, false, null, null, 12, fps, seed);
                DriverTrack phrased = bank.track(ref, false, null, speech, 12, fps, seed);
                String what = ref.url() + " seed " + seed;
                double[] nod = new double[plain.poses().size()];
                double[] pitch = new double[nod.length];
                for (int i = 0; i < nod.length; i++) {
                    pitch[i] = phrased.poses().get(i).pitch();
                    nod[i] = pitch[i] - plain.poses().get(i).pitch();
                }
                for (double[] pause : PAUSES) {
                    int from = (int) Math.ceil((pause[0] - 0.3) * fps);
                    int to = (int) Math.floor((pause[1] + 0.3) * fps);
                    double peak = 0;
                    boolean localMaximum = false;
                    for (int i = from; i <= to; i++) {
                        peak = Math.max(peak, nod[i]);
                        localMaximum |= pitch[i] >= pitch[i - 1] && pitch[i] >= pitch[i + 1];
                    }
                    assertTrue(peak >= 0.95 * family.nodDegrees(), what + ": nod " + peak + " at pause " + pause[0]);
                    assertTrue(localMaximum, what + ": pitch has no downward peak near the pause at " + pause[0]);
                    double raised = phrased.brows().get((int) Math.round(pause[1] * fps)) - plain.brows()
                            .get((int) Math.round(pause[1] * fps));
                    assertTrue(raised > 0.9 * family.phraseBrow(), what + ": brow raise " + raised + " at " + pause[1]);
                }
                for (int i = 0; i < nod.length; i++) {
                    double t = i / fps;
                    boolean nearPause = false;
                    for (double[] pause : PAUSES) {
                        nearPause |= t >= pause[0] - 0.3 && t <= pause[1] + 0.3;
                    }
                    if (!nearPause) {
                        assertEquals(0, nod[i], 0, what + ": nod at " + t + " s, away from any pause");
                    }
                }
            }
        }
    }

    @Tag("bench")
    @Test
    void measuresTrackTime() {
        VisemeTrack speech = speech(60, new double[][] {{0.3, 20}, {20.5, 40}, {40.4, 59}});
        long start = System.nanoTime();
        int runs = 50;
        for (int i = 0; i < runs; i++) {
            bank.track(null, true, new SourcePose(4, 0, 1), speech, 60, 25, i);
        }
        System.out.printf("track(): %.2f ms per 60 s track at 25 fps%n", (System.nanoTime() - start) / 1e6 / runs);
    }

    /** Speech over the given spans (visemes changing every 0.1 s), silence elsewhere up to {@code seconds}. */
    static VisemeTrack speech(double seconds, double[][] spans) {
        Viseme[] cycle = {Viseme.AA, Viseme.CONSONANT, Viseme.EE, Viseme.PBM, Viseme.OH};
        List<VisemeSegment> segments = new ArrayList<>();
        double t = 0;
        int k = 0;
        for (double[] span : spans) {
            if (span[0] > t) {
                segments.add(new VisemeSegment(Viseme.REST, t, span[0], ""));
            }
            for (double s = span[0]; s < span[1] - 1e-9; s += 0.1) {
                double e = Math.min(span[1], s + 0.1);
                segments.add(new VisemeSegment(cycle[k++ % cycle.length], s, e, "x"));
            }
            t = span[1];
        }
        segments.add(new VisemeSegment(Viseme.REST, t, seconds, ""));
        return new VisemeTrack(seconds, 22050, "test", segments);
    }

    private static double meanYaw(DriverRef ref) {
        DriverLoop loop = bank.loop(ref.family(), ref.driver());
        return ref.variant() == DriverVariant.FLIPPED ? -loop.meanYaw : loop.meanYaw;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static double rmsAboutMean(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double sum = 0;
        for (double x : v) {
            sum += (x - mean) * (x - mean);
        }
        return Math.sqrt(sum / v.length);
    }

    /** RMS of the frame-to-frame speed, per second, the wrap included. */
    private static double rmsSpeed(double[] v, double fps) {
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            double d = (v[(i + 1) % v.length] - v[i]) * fps;
            sum += d * d;
        }
        return Math.sqrt(sum / v.length);
    }

    private static double maxSpeed(double[] v, double fps) {
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            max = Math.max(max, Math.abs(v[(i + 1) % v.length] - v[i]) * fps);
        }
        return max;
    }
}
