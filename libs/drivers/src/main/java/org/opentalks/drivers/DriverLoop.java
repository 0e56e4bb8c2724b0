package org.opentalks.drivers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import org.opentalks.contract.json.Json;

/**
 * One driver of the bank as stored: per-frame channels over a loop that wraps seamlessly, and the
 * blink start times within it. See the package documentation for the file format.
 */
final class DriverLoop {
    static final String FORMAT = "opentalks-driver/1";
    static final String[] CHANNELS = {"yaw", "pitch", "roll", "tx", "ty", "scale", "brow"};

    final String name;
    final double fps;
    final int frames;
    final double[] yaw;
    final double[] pitch;
    final double[] roll;
    final double[] tx;
    final double[] ty;
    final double[] scale;
    final double[] brow;
    final double[] blinkStarts;
    final double meanYaw;
    final double meanRoll;

    private DriverLoop(String name, double fps, double[][] channels, double[] blinkStarts) {
        this.name = name;
        this.fps = fps;
        this.frames = channels[0].length;
        this.yaw = channels[0];
        this.pitch = channels[1];
        this.roll = channels[2];
        this.tx = channels[3];
        this.ty = channels[4];
        this.scale = channels[5];
        this.brow = channels[6];
        this.blinkStarts = blinkStarts;
        this.meanYaw = mean(yaw);
        this.meanRoll = mean(roll);
    }

    /** The loop's length in seconds. */
    double seconds() {
        return frames / fps;
    }

    /** Reads and checks one driver file; {@code name} says which in error messages. */
    static DriverLoop read(InputStream in, String name) throws IOException {
        JsonNode root = Json.mapper().readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw corrupt(name, "format is not " + FORMAT);
        }
        double fps = root.path("fps").asDouble();
        int frames = root.path("frames").asInt();
        if (!(fps > 0) || frames < 2) {
            throw corrupt(name, "bad fps " + fps + " or frames " + frames);
        }
        double[][] channels = new double[CHANNELS.length][];
        for (int c = 0; c < CHANNELS.length; c++) {
            channels[c] = numbers(root.path(CHANNELS[c]), name, CHANNELS[c]);
            if (channels[c].length != frames) {
                throw corrupt(name, CHANNELS[c] + " has " + channels[c].length + " values, not " + frames);
            }
        }
        double[] blinks = numbers(root.path("blink_starts"), name, "blink_starts");
        for (int i = 0; i < blinks.length; i++) {
            if (!(blinks[i] >= 0 && blinks[i] < frames / fps) || (i > 0 && !(blinks[i] > blinks[i - 1]))) {
                throw corrupt(name, "blink_starts must increase within the loop");
            }
        }
        return new DriverLoop(name, fps, channels, blinks);
    }

    private static double[] numbers(JsonNode array, String name, String field) {
        if (!array.isArray()) {
            throw corrupt(name, field + " is not an array");
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) {
                throw corrupt(name, field + "[" + i + "] is not a number");
            }
            values[i] = v.asDouble();
        }
        return values;
    }

    private static IllegalStateException corrupt(String name, String why) {
        return new IllegalStateException("corrupt driver " + name + ": " + why);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
