package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.opentalks.media.UnusableMediaException.Reason;

/**
 * Turns a client's audio, or the sound of a client's video, into the speech format the pipeline
 * works in: {@value #SAMPLE_RATE} Hz mono 16-bit PCM. Any container and codec this FFmpeg build
 * demuxes and decodes will do (WAV, MP3, M4A/AAC, FLAC, Ogg Vorbis/Opus, MP4, MOV, WebM, ...); the
 * first audio stream is decoded, mixed down and resampled by swresample.
 *
 * <p>Files are refused with an {@link UnusableMediaException} when they are not media, have no
 * audio, or last longer than the caller's limit. The limit is checked against the container's
 * stated duration before decoding, and again against the samples as they come out, so a file whose
 * header understates its length stops decoding as soon as it passes the limit.
 *
 * <p>Only demuxers of self-contained files are enabled, and only the {@code file} protocol:
 * playlists (HLS, concat) would open other files or URLs named inside the upload.
 */
public final class AudioDecoder {
    public static final int SAMPLE_RATE = 16_000;
    /**
     * Allowance over the caller's limit: codecs pad the ends of a stream by a frame or so (AAC's 1024
     * samples, an Ogg page), so a recording cut to exactly the limit states or decodes up to a few
     * tens of milliseconds more (measured: 20 ms for M4A, 6.5 ms for Ogg Opus, 43 ms for raw ADTS).
     */
    static final double LIMIT_SLACK_SECONDS = 0.1;
    /** FFmpeg demuxer names; "mov" also reads MP4, M4A and 3GP, "matroska" also WebM. */
    static final String DEMUXERS = "wav,w64,mp3,aac,ac3,eac3,flac,ogg,mov,matroska,webm,aiff,caf,amr,asf,avi,flv,"
            + "mpegts,mpeg,au,wv,ape,tta,dts";

    /**
     * Decodes {@code input} and writes it to {@code wav} as a {@value #SAMPLE_RATE} Hz mono 16-bit WAV.
     *
     * @param maxSeconds the longest audio accepted, give or take {@value #LIMIT_SLACK_SECONDS} s of codec padding
     * @return the WAV's duration in seconds
     * @throws UnusableMediaException when the file is not media, has no audio or lasts over {@code maxSeconds}
     */
    public static double decodeToWav(Path input, Path wav, double maxSeconds) {
        short[] samples = decode(input, maxSeconds);
        new PcmWav(SAMPLE_RATE, samples).write(wav);
        return (double) samples.length / SAMPLE_RATE;
    }

    /**
     * Decodes {@code input} to {@value #SAMPLE_RATE} Hz mono samples.
     *
     * @throws UnusableMediaException when the file is not media, has no audio or lasts over {@code maxSeconds}
     */
    public static short[] decode(Path input, double maxSeconds) {
        if (!(maxSeconds > 0 && (maxSeconds + LIMIT_SLACK_SECONDS) * SAMPLE_RATE < Integer.MAX_VALUE - 16)) {
            throw new IllegalArgumentException("the duration limit must be positive and under 37 hours, not "
                    + maxSeconds);
        }
        if (!Files.isRegularFile(input)) {
            throw new MediaException("no audio file at " + input);
        }
        Ffmpeg.init();
        AVFormatContext format = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "format_whitelist", DEMUXERS, 0);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        int opened;
        try {
            opened = avformat_open_input(format, input.toString(), null, options);
        } finally {
            av_dict_free(options);
        }
        if (opened < 0) {
            throw unusable(input, Reason.NOT_MEDIA, "it is not an audio or video file in a format we read ("
                    + Ffmpeg.describe(opened) + ")");
        }
        try {
            if (avformat_find_stream_info(format, (PointerPointer<?>) null) < 0) {
                throw unusable(input, Reason.NOT_MEDIA, "its streams cannot be read");
            }
            int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            if (index < 0) {
                throw unusable(input, Reason.NO_AUDIO, "it has no audio stream");
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != index) {
                    // The demuxer skips these packets instead of handing them over.
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            double stated = statedSeconds(format, format.streams(index));
            if (stated > maxSeconds + LIMIT_SLACK_SECONDS) {
                throw tooLong(input, stated, maxSeconds);
            }
            long maxSamples = (long) Math.floor((maxSeconds + LIMIT_SLACK_SECONDS) * SAMPLE_RATE);
            return decodeStream(input, format, index, maxSamples, maxSeconds);
        } finally {
            avformat_close_input(format);
        }
    }

    /**
     * The audio stream's duration as the container states it, else the file's; NaN when unknown or
     * only guessed from the bit rate (e.g. an MP3 without a Xing header), which can be far off.
     */
    private static double statedSeconds(AVFormatContext format, AVStream stream) {
        if (format.duration_estimation_method() == AVFMT_DURATION_FROM_BITRATE) {
            return Double.NaN;
        }
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            return stream.duration() * av_q2d(stream.time_base());
        }
        if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
            return (double) format.duration() / AV_TIME_BASE;
        }
        return Double.NaN;
    }

    private static short[] decodeStream(Path input, AVFormatContext format, int index, long maxSamples,
                                        double maxSeconds) {
        AVStream stream = format.streams(index);
        int codecId = stream.codecpar().codec_id();
        String codecName = avcodec_get_name(codecId).getString();
        AVCodec decoder = avcodec_find_decoder(codecId);
        if (decoder == null || decoder.isNull()) {
            throw unusable(input, Reason.UNDECODABLE, "its audio codec " + codecName + " is not supported");
        }
        AVCodecContext codec = avcodec_alloc_context3(decoder);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try (Resampler resampler = new Resampler(input, maxSamples, maxSeconds)) {
            Ffmpeg.check(avcodec_parameters_to_context(codec, stream.codecpar()), "configuring the audio decoder");
            codec.pkt_timebase(stream.time_base());
            codec.thread_count(1);
            if (avcodec_open2(codec, decoder, (AVDictionary) null) < 0) {
                throw unusable(input, Reason.UNDECODABLE, "its " + codecName + " audio cannot be decoded");
            }
            int ret;
            while ((ret = av_read_frame(format, packet)) >= 0) {
                try {
                    if (packet.stream_index() == index) {
                        int sent = avcodec_send_packet(codec, packet);
                        // A damaged packet costs its own few milliseconds, as in any player.
                        if (sent < 0 && sent != AVERROR_INVALIDDATA()) {
                            Ffmpeg.check(sent, "decoding the audio of " + input);
                        }
                    }
                } finally {
                    av_packet_unref(packet);
                }
                receive(codec, frame, resampler);
            }
            if (ret != AVERROR_EOF()) {
                throw unusable(input, Reason.UNDECODABLE, "it is damaged after " + seconds(resampler.count())
                        + " s (" + Ffmpeg.describe(ret) + ")");
            }
            Ffmpeg.check(avcodec_send_packet(codec, null), "flushing the audio decoder");
            receive(codec, frame, resampler);
            short[] samples = resampler.finish();
            if (samples.length == 0) {
                throw unusable(input, Reason.UNDECODABLE, "its audio stream holds no sound that can be decoded");
            }
            return samples;
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(codec);
        }
    }

    private static void receive(AVCodecContext codec, AVFrame frame, Resampler resampler) {
        while (true) {
            int ret = avcodec_receive_frame(codec, frame);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
                return;
            }
            if (ret == AVERROR_INVALIDDATA()) {
                // A damaged frame is skipped; the next packet resumes decoding.
                return;
            }
            Ffmpeg.check(ret, "decoding audio");
            try {
                resampler.convert(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private static String seconds(long samples) {
        return String.format(Locale.ROOT, "%.1f", (double) samples / SAMPLE_RATE);
    }

    /** @param seconds the stated duration, or NaN when decoding passed the limit */
    private static UnusableMediaException tooLong(Path input, double seconds, double maxSeconds) {
        String limit = String.format(Locale.ROOT, "longer than the limit of %.1f s", maxSeconds);
        return unusable(input, Reason.TOO_LONG, Double.isNaN(seconds)
                ? "it is " + limit
                : String.format(Locale.ROOT, "it lasts %.2f s, %s", seconds, limit));
    }

    private static UnusableMediaException unusable(Path input, Reason reason, String why) {
        return new UnusableMediaException(reason, "The audio " + input.getFileName() + " cannot be used: " + why + ".");
    }

    /**
     * swresample to {@value #SAMPLE_RATE} Hz mono S16, collecting the output. Streams may change
     * rate or channel layout midway (MP3, ADTS, concatenated Ogg): the resampler is drained and set up
     * again for the new input then.
     */
    private static final class Resampler implements AutoCloseable {
        private final Path input;
        private final long maxSamples;
        private final double maxSeconds;
        private final AVChannelLayout mono = new AVChannelLayout();
        private final AVChannelLayout inLayout = new AVChannelLayout();
        private SwrContext swr;
        private int inFormat = -1;
        private int inRate;
        private ShortPointer buffer = new ShortPointer(4096);
        private final PointerPointer<ShortPointer> planes = new PointerPointer<>(1);
        private short[] samples = new short[SAMPLE_RATE * 10];
        private int count;

        Resampler(Path input, long maxSamples, double maxSeconds) {
            this.input = input;
            this.maxSamples = maxSamples;
            this.maxSeconds = maxSeconds;
            av_channel_layout_default(mono, 1);
        }

        long count() {
            return count;
        }

        void convert(AVFrame frame) {
            if (swr == null || frame.format() != inFormat || frame.sample_rate() != inRate
                    || av_channel_layout_compare(frame.ch_layout(), inLayout) != 0) {
                drain();
                open(frame);
            }
            int capacity = swr_get_out_samples(swr, frame.nb_samples());
            collect(Ffmpeg.check(swr_convert(swr, planes(capacity), capacity, frame.extended_data(),
                    frame.nb_samples()), "resampling the audio"));
        }

        short[] finish() {
            drain();
            return Arrays.copyOf(samples, count);
        }

        private void open(AVFrame frame) {
            av_channel_layout_uninit(inLayout);
            Ffmpeg.check(av_channel_layout_copy(inLayout, frame.ch_layout()), "copying the channel layout");
            inFormat = frame.format();
            inRate = frame.sample_rate();
            AVChannelLayout layout = inLayout;
            AVChannelLayout guessed = null;
            if (inLayout.order() == AV_CHANNEL_ORDER_UNSPEC) {
                // Only a channel count (e.g. a WAV without a channel mask): assume the usual layout.
                guessed = new AVChannelLayout();
                av_channel_layout_default(guessed, inLayout.nb_channels());
                layout = guessed;
            }
            try {
                swr = new SwrContext(null);
                if (swr_alloc_set_opts2(swr, mono, AV_SAMPLE_FMT_S16, SAMPLE_RATE, layout, inFormat, inRate, 0,
                        null) < 0 || swr_init(swr) < 0) {
                    throw unusable(input, Reason.UNDECODABLE, "its audio (" + layout.nb_channels() + " channels at "
                            + inRate + " Hz) cannot be converted");
                }
            } finally {
                if (guessed != null) {
                    av_channel_layout_uninit(guessed);
                    guessed.close();
                }
            }
        }

        /** Takes what the resampler's filter still holds, and frees it. */
        private void drain() {
            if (swr == null) {
                return;
            }
            int capacity = Math.max(1, swr_get_out_samples(swr, 0));
            int drained;
            do {
                drained = Ffmpeg.check(swr_convert(swr, planes(capacity), capacity, null, 0), "draining the resampler");
                collect(drained);
            } while (drained > 0);
            swr_free(swr);
            swr = null;
        }

        private PointerPointer<ShortPointer> planes(int capacity) {
            if (buffer.capacity() < capacity) {
                buffer.close();
                buffer = new ShortPointer(capacity);
            }
            return planes.put(0, buffer);
        }

        private void collect(int n) {
            if (count + (long) n > maxSamples) {
                throw tooLong(input, Double.NaN, maxSeconds);
            }
            if (count + n > samples.length) {
                samples = Arrays.copyOf(samples, (int) Math.min(maxSamples, Math.max(count + n, 2L * samples.length)));
            }
            buffer.get(samples, count, n);
            count += n;
        }

        @Override
        public void close() {
            if (swr != null) {
                swr_free(swr);
            }
            av_channel_layout_uninit(inLayout);
            inLayout.close();
            mono.close();
            buffer.close();
            planes.close();
        }
    }

    private AudioDecoder() {
    }
}
