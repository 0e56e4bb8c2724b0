package org.opentalks.drivers;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the driver bank's files from a procedural model of a talking head's motion (see the
 * package documentation for the format). Each pose channel is a characteristic mean offset plus a
 * zero-mean shape made of
 * <ul>
 * <li>slow drift: four sinusoids with whole numbers of cycles per loop, slower ones larger;</li>
 * <li>jitter: white noise smoothed by a Gaussian that wraps around the loop;</li>
 * <li>occasional larger movements: raised-cosine excursions at irregular intervals, placed on the
 *     loop's circle;</li>
 * </ul>
 * scaled so that the channel just reaches its family's bound. Every part is periodic over the
 * loop, so the loop wraps with no jump in value or velocity. Brows are flicks (raised cosines)
 * over a slight drift; blink intervals are drawn from 2–6 s and rescaled to tile the loop
 * exactly, so the interval across the wrap is one of them.
 *
 * <p>Deterministic: {@link Random} is specified exactly and only {@link StrictMath} is used, so
 * every JVM writes the same bytes. Run {@link #main} from the module directory to rewrite the
 * files after changing the model:
 * {@code java -cp target/classes:target/test-classes org.opentalks.drivers.BankGenerator}.
 */
final class BankGenerator {
    static final int FPS = 25;
    static final int VALUES_PER_LINE = 25;
    /** Where the files live, relative to the module directory. */
    static final String RESOURCE_DIR = "src/main/resources/org/opentalks/drivers/bank";

    /** Blink intervals, seconds, kept inside the 2–6 s that natural blinking spans. */
    static final double BLINK_GAP_MIN = 2.1;
    static final double BLINK_GAP_MAX = 5.9;

    /**
     * A family's motion. Angles in degrees, shifts in face widths, scale as deviation from 1,
     * brows in inter-ocular distances, times in seconds.
     *
     * @param loopSeconds   loop lengths to choose from
     * @param yawBound      max |yaw| including the offset (and likewise pitch, roll)
     * @param yawOffset     range of |mean yaw|; the sign alternates between drivers
     * @param rollOffset    max |mean roll|
     * @param pitchOffset   max |mean pitch|
     * @param minPeriod     shortest drift period: shorter is faster motion
     * @param jitterSeconds Gaussian smoothing of the jitter
     * @param jitterWeight  jitter RMS relative to the drift's
     * @param gestureGap    range of intervals between larger movements
     * @param gestureLength range of their durations
     * @param browGap       range of intervals between brow flicks
     * @param browHeight    range of their heights
     * @param blinkGap      mean blink interval
     */
    record Profile(int[] loopSeconds, double yawBound, double pitchBound, double rollBound, double[] yawOffset,
                   double rollOffset, double pitchOffset, double shiftBound, double scaleBound, double minPeriod,
                   double jitterSeconds, double jitterWeight, double[] gestureGap, double[] gestureLength,
                   double[] browGap, double[] browHeight, double blinkGap) {
    }

    static final Map<DriverFamily, Profile> PROFILES = Map.of(
            DriverFamily.LIVELY, new Profile(new int[] {24, 28, 32}, 4.0, 2.6, 2.0, new double[] {1.0, 2.0},
                    0.7, 0.4, 0.012, 0.008, 2.0, 0.10, 0.15, new double[] {3, 7}, new double[] {0.7, 1.3},
                    new double[] {2.5, 6}, new double[] {0.012, 0.025}, 3.2),
            DriverFamily.NATURAL, new Profile(new int[] {28, 32, 36}, 2.8, 1.8, 1.4, new double[] {0.7, 1.4},
                    0.5, 0.3, 0.008, 0.006, 3.5, 0.14, 0.12, new double[] {5, 10}, new double[] {0.9, 1.6},
                    new double[] {3.5, 8}, new double[] {0.008, 0.018}, 3.8),
            DriverFamily.SUBTLE, new Profile(new int[] {32, 36, 40}, 1.5, 1.0, 0.8, new double[] {0.5, 0.8},
                    0.3, 0.2, 0.005, 0.004, 5.0, 0.20, 0.10, new double[] {8, 14}, new double[] {1.2, 2.0},
                    new double[] {5, 10}, new double[] {0.004, 0.010}, 4.4));

    private BankGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : RESOURCE_DIR);
        for (Map.Entry<String, String> file : generate().entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + path);
        }
    }

    /** Every driver file, by path relative to the bank directory, e.g. {@code lively/driver-01.json}. */
    static Map<String, String> generate() {
        Map<String, String> files = new TreeMap<>();
        for (DriverFamily family : DriverFamily.values()) {
            for (int n = 1; n <= family.drivers(); n++) {
                files.put("%s/driver-%02d.json".formatted(family.id(), n), driver(family, n));
            }
        }
        return files;
    }

    static String driver(DriverFamily family, int number) {
        Profile p = PROFILES.get(family);
        Random r = new Random(1000L * (family.ordinal() + 1) + number);
        int n = p.loopSeconds()[r.nextInt(p.loopSeconds().length)] * FPS;

        // Odd drivers look slightly to image right, even ones to the left; flipping gives the other.
        double yawOffset = (number % 2 == 1 ? 1 : -1) * uniform(r, p.yawOffset());
        double rollOffset = sign(r) * p.rollOffset() * uniform(r, 0.3, 1);
        double pitchOffset = p.pitchOffset() * uniform(r, -1, 1);

        double[] yawShape = shape(r, n, p, true, 0.5);
        // Pitch excursions are mostly nods (down, positive) and their return.
        double[] pitchShape = shape(r, n, p, true, 0.7);
        double[] rollShape = shape(r, n, p, true, 0.5);
        double[] yaw = fit(yawShape, yawOffset, p.yawBound() * uniform(r, 0.85, 1));
        double[] pitch = fit(pitchShape, pitchOffset, p.pitchBound() * uniform(r, 0.85, 1));
        double[] roll = fit(rollShape, rollOffset, p.rollBound() * uniform(r, 0.85, 1));
        // The head shifts partly with its turns and nods, partly on its own.
        double[] tx = fit(mix(shape(r, n, p, false, 0.5), yawShape), 0, p.shiftBound() * uniform(r, 0.85, 1));
        double[] ty = fit(mix(shape(r, n, p, false, 0.5), pitchShape), 0, p.shiftBound() * uniform(r, 0.85, 1));
        double[] scale = fit(shape(r, n, p, false, 0.5), 0, p.scaleBound() * uniform(r, 0.85, 1));
        for (int i = 0; i < n; i++) {
            scale[i] += 1;
        }
        double[] brow = brows(r, n, p);
        double[] blinks = blinks(r, n / (double) FPS, p.blinkGap());

        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"format\": \"").append(DriverLoop.FORMAT).append("\",\n");
        json.append("  \"driver\": \"").append(new DriverRef(family, number, null).url()).append("\",\n");
        json.append("  \"fps\": ").append(FPS).append(",\n");
        json.append("  \"frames\": ").append(n).append(",\n");
        json.append("  \"blink_starts\": [");
        for (int i = 0; i < blinks.length; i++) {
            json.append(i == 0 ? "" : ", ").append(decimal(blinks[i], 2));
        }
        json.append("],\n");
        channel(json, "yaw", yaw, 3, false);
        channel(json, "pitch", pitch, 3, false);
        channel(json, "roll", roll, 3, false);
        channel(json, "tx", tx, 4, false);
        channel(json, "ty", ty, 4, false);
        channel(json, "scale", scale, 4, false);
        channel(json, "brow", brow, 4, true);
        json.append("}\n");
        return json.toString();
    }

    /** A zero-mean motion shape over {@code n} frames, periodic; gestures positive with probability {@code bias}. */
    static double[] shape(Random r, int n, Profile p, boolean gestures, double bias) {
        double seconds = n / (double) FPS;
        double[] drift = new double[n];
        int maxCycles = Math.max(1, (int) (seconds / p.minPeriod()));
        TreeSet<Integer> cycles = new TreeSet<>();
        while (cycles.size() < Math.min(4, maxCycles)) {
            cycles.add(1 + r.nextInt(maxCycles));
        }
        for (int c : cycles) {
            // Amplitude ∝ √period: slow components dominate, as in 1/f-like postural sway.
            double amplitude = (0.5 + r.nextDouble()) * StrictMath.sqrt(seconds / c);
            double phase = 2 * StrictMath.PI * r.nextDouble();
            for (int i = 0; i < n; i++) {
                drift[i] += amplitude * StrictMath.sin(2 * StrictMath.PI * c * i / n + phase);
            }
        }
        normalise(drift);

        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = r.nextGaussian();
        }
        double[] jitter = circularGaussian(noise, p.jitterSeconds() * FPS);
        normalise(jitter);

        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = drift[i] + p.jitterWeight() * jitter[i];
        }
        if (gestures) {
            for (double t = r.nextDouble() * p.gestureGap()[1]; t < seconds; t += uniform(r, p.gestureGap())) {
                double height = (r.nextDouble() < bias ? 1 : -1) * uniform(r, 1.2, 2.0);
                addBump(v, t, uniform(r, p.gestureLength()), height);
            }
        }
        double mean = 0;
        for (double x : v) {
            mean += x / n;
        }
        for (int i = 0; i < n; i++) {
            v[i] -= mean;
        }
        return v;
    }

    /** offset + s·shape with the largest s that keeps |value| ≤ bound, so the bound is just reached. */
    static double[] fit(double[] shape, double offset, double bound) {
        double s = Double.POSITIVE_INFINITY;
        for (double v : shape) {
            if (v > 0) {
                s = Math.min(s, (bound - offset) / v);
            } else if (v < 0) {
                s = Math.min(s, (bound + offset) / -v);
            }
        }
        double[] out = new double[shape.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = offset + s * shape[i];
        }
        return out;
    }

    /** 0.6·own + 0.4·follow, each at unit RMS. */
    private static double[] mix(double[] own, double[] follow) {
        double[] a = own.clone();
        double[] b = follow.clone();
        normalise(a);
        normalise(b);
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.6 * a[i] + 0.4 * b[i];
        }
        return a;
    }

    /** Brow flicks at irregular intervals over a slight drift. */
    static double[] brows(Random r, int n, Profile p) {
        double seconds = n / (double) FPS;
        double[] brow = new double[n];
        double drift = 0.15 * p.browHeight()[0];
        for (int k = 0; k < 2; k++) {
            int c = 1 + r.nextInt(Math.max(1, (int) (seconds / 6)));
            double phase = 2 * StrictMath.PI * r.nextDouble();
            for (int i = 0; i < n; i++) {
                brow[i] += drift * StrictMath.sin(2 * StrictMath.PI * c * i / n + phase);
            }
        }
        for (double t = r.nextDouble() * p.browGap()[1]; t < seconds; t += uniform(r, p.browGap())) {
            addBump(brow, t, uniform(r, 0.3, 0.6), uniform(r, p.browHeight()));
        }
        return brow;
    }

    /** Blink starts whose intervals, the one across the wrap included, lie in 2.1–5.9 s and sum to the loop. */
    static double[] blinks(Random r, double seconds, double meanGap) {
        int count = Math.max(1, (int) StrictMath.round(seconds / meanGap));
        double[] gaps = new double[count];
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double sum = 0;
            for (int k = 0; k < count; k++) {
                // Triangular around the mean: most gaps near it, the extremes rare.
                gaps[k] = meanGap + (r.nextDouble() + r.nextDouble() - 1) * 2.0;
                sum += gaps[k];
            }
            boolean ok = true;
            for (int k = 0; k < count; k++) {
                gaps[k] *= seconds / sum;
                ok &= gaps[k] >= BLINK_GAP_MIN && gaps[k] <= BLINK_GAP_MAX;
            }
            if (ok) {
                double[] starts = new double[count];
                starts[0] = r.nextDouble() * gaps[count - 1];
                for (int k = 1; k < count; k++) {
                    starts[k] = starts[k - 1] + gaps[k - 1];
                }
                return starts;
            }
        }
        throw new IllegalStateException("no blink spacing fits " + seconds + " s");
    }

    /** Adds a raised-cosine bump on the loop's circle: it may straddle the wrap. */
    private static void addBump(double[] v, double centre, double width, double height) {
        double seconds = v.length / (double) FPS;
        for (int i = 0; i < v.length; i++) {
            double d = i / (double) FPS - centre;
            d -= seconds * StrictMath.rint(d / seconds);
            if (Math.abs(d) < width / 2) {
                v[i] += height * 0.5 * (1 + StrictMath.cos(2 * StrictMath.PI * d / width));
            }
        }
    }

    /** Gaussian smoothing (σ in frames) with the signal's ends joined. */
    private static double[] circularGaussian(double[] x, double sigma) {
        int radius = (int) StrictMath.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = StrictMath.exp(-0.5 * k * k / (sigma * sigma));
            total += kernel[k + radius];
        }
        int n = x.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = -radius; k <= radius; k++) {
                s += kernel[k + radius] * x[Math.floorMod(i + k, n)];
            }
            out[i] = s / total;
        }
        return out;
    }

    private static void normalise(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        double rms = StrictMath.sqrt(sum / v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] /= rms;
        }
    }

    private static void channel(StringBuilder json, String name, double[] values, int decimals, boolean last) {
        json.append("  \"").append(name).append("\": [");
        for (int i = 0; i < values.length; i++) {
            json.append(i % VALUES_PER_LINE == 0 ? "\n    " : " ");
            json.append(decimal(values[i], decimals)).append(i < values.length - 1 ? "," : "");
        }
        json.append("\n  ]").append(last ? "\n" : ",\n");
    }

    private static String decimal(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    private static double uniform(Random r, double[] range) {
        return uniform(r, range[0], range[1]);
    }

    private static double uniform(Random r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }

    private static int sign(Random r) {
        return r.nextBoolean() ? 1 : -1;
    }
}
