package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * The talk's speech as float samples at the AAC rate. Reading past the end yields silence, so the
 * audio can be cut or padded to the video's length by asking for exactly that many samples.
 */
final class SpeechTrack {
    private final int sampleRate;
    private final float[] samples;
    private int position;

    private SpeechTrack(int sampleRate, float[] samples) {
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    /**
     * Speech rates of the 16 kHz family (8, 16, 24, 32, 48 kHz) go to 48 kHz, the rest (11.025,
     * 22.05, 44.1 kHz) to 44.1 kHz: both are AAC rates every player takes, and the ratio stays simple.
     */
    static int aacRateFor(int speechRate) {
        return 48_000 % speechRate == 0 ? 48_000 : 44_100;
    }

    static SpeechTrack of(PcmWav wav) {
        int rate = aacRateFor(wav.sampleRate());
        return new SpeechTrack(rate, resample(wav.samples(), wav.sampleRate(), rate));
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Feeds the encoder up to sample {@code end} (exclusive), with silence past the speech. */
    void encodeUntil(long end, AacEncoder encoder) {
        while (position < end) {
            int n = (int) Math.min(end - position, 4096);
            if (position >= samples.length) {
                encoder.encode(new float[n], 0, n);
            } else {
                n = Math.min(n, samples.length - position);
                encoder.encode(samples, position, n);
            }
            position += n;
        }
    }

    static float[] resample(short[] in, int inRate, int outRate) {
        if (inRate == outRate) {
            float[] out = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i] / 32768f;
            }
            return out;
        }
        Ffmpeg.init();
        SwrContext swr = new SwrContext(null);
        AVChannelLayout mono = new AVChannelLayout();
        av_channel_layout_default(mono, 1);
        Ffmpeg.check(swr_alloc_set_opts2(swr, mono, AV_SAMPLE_FMT_FLT, outRate, mono, AV_SAMPLE_FMT_S16, inRate, 0,
                null), "configuring the resampler");
        // One-element plane arrays: new PointerPointer(p) would reinterpret p itself, not wrap it.
        try (ShortPointer input = new ShortPointer(in);
             PointerPointer<ShortPointer> inPlanes = new PointerPointer<ShortPointer>(1).put(0, input)) {
            Ffmpeg.check(swr_init(swr), "starting the resampler " + inRate + " -> " + outRate + " Hz");
            // Room for the converted input plus what the filter still holds at the end.
            int capacity = swr_get_out_samples(swr, in.length) + outRate / 10;
            try (FloatPointer output = new FloatPointer(capacity);
                 PointerPointer<FloatPointer> outPlanes = new PointerPointer<FloatPointer>(1).put(0, output)) {
                int converted = Ffmpeg.check(swr_convert(swr, outPlanes, capacity, inPlanes, in.length), "resampling");
                float[] out = new float[capacity];
                output.get(out, 0, converted);
                int total = converted;
                while (total < capacity) {
                    // A null input drains the samples the filter delayed.
                    int drained = Ffmpeg.check(swr_convert(swr, outPlanes, capacity - total, null, 0),
                            "draining the resampler");
                    if (drained == 0) {
                        break;
                    }
                    output.get(out, total, drained);
                    total += drained;
                }
                return java.util.Arrays.copyOf(out, total);
            }
        } finally {
            swr_free(swr);
            mono.close();
        }
    }
}
