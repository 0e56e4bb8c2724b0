package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** A file's audio decoded to mono floats, and the measures the tests apply to it. */
record DecodedAudio(int sampleRate, float[] samples) {
    static DecodedAudio of(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.setAudioChannels(1);
            grabber.start();
            FloatBuffer all = FloatBuffer.allocate(grabber.getSampleRate() * 60);
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                all.put((FloatBuffer) frame.samples[0]);
            }
            float[] samples = new float[all.position()];
            all.flip().get(samples);
            return new DecodedAudio(grabber.getSampleRate(), samples);
        }
    }

    /** Root mean square over [from, to) seconds. */
    double rms(double from, double to) {
        int a = (int) (from * sampleRate);
        int b = Math.min(samples.length, (int) (to * sampleRate));
        double sum = 0;
        for (int i = a; i < b; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, b - a));
    }

    /** Frequency over [from, to) seconds from the count of upward zero crossings. */
    double frequency(double from, double to) {
        int a = (int) (from * sampleRate);
        int b = Math.min(samples.length, (int) (to * sampleRate));
        int crossings = 0;
        for (int i = a + 1; i < b; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                crossings++;
            }
        }
        return crossings * (double) sampleRate / (b - a);
    }

    double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
