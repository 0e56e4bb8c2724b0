package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Mono AAC-LC through FFmpeg's native encoder. Takes any number of samples per call and cuts them
 * into the encoder's 1024-sample frames; {@link #finish()} sends the short last frame and drains
 * the encoder's look-ahead, so the stream ends where the input did.
 */
final class AacEncoder implements AutoCloseable {
    static final String CODEC_NAME = "aac";

    private final ContainerWriter out;
    private final AVCodecContext codec;
    private final AVStream stream;
    private final AVFrame frame;
    private final AVPacket packet;
    private final float[] pending;
    private int pendingCount;
    private long samplesSent;

    AacEncoder(ContainerWriter out, int sampleRate, long bitRate) {
        this.out = out;
        AVCodec aac = avcodec_find_encoder_by_name(CODEC_NAME);
        if (aac == null || aac.isNull()) {
            throw new MediaException("ffmpeg: this FFmpeg build has no " + CODEC_NAME + " encoder");
        }
        codec = avcodec_alloc_context3(aac);
        codec.sample_fmt(AV_SAMPLE_FMT_FLTP);
        codec.sample_rate(sampleRate);
        av_channel_layout_default(codec.ch_layout(), 1);
        codec.bit_rate(bitRate);
        codec.time_base(av_make_q(1, sampleRate));
        codec.flags(out.encoderFlags(codec.flags()));
        Ffmpeg.check(avcodec_open2(codec, aac, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                "opening the AAC encoder at " + sampleRate + " Hz");
        stream = out.addStream(codec);

        int frameSize = codec.frame_size();
        frame = av_frame_alloc();
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.sample_rate(sampleRate);
        av_channel_layout_default(frame.ch_layout(), 1);
        frame.nb_samples(frameSize);
        Ffmpeg.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
        packet = av_packet_alloc();
        pending = new float[frameSize];
    }

    /** Appends samples in [-1, 1]. */
    void encode(float[] samples, int offset, int count) {
        int end = offset + count;
        while (offset < end) {
            int n = Math.min(end - offset, pending.length - pendingCount);
            System.arraycopy(samples, offset, pending, pendingCount, n);
            pendingCount += n;
            offset += n;
            if (pendingCount == pending.length) {
                sendPending();
            }
        }
    }

    long samplesEncoded() {
        return samplesSent + pendingCount;
    }

    void finish() {
        if (pendingCount > 0) {
            // The AAC encoder accepts a short last frame and pads it itself.
            sendPending();
        }
        Ffmpeg.check(avcodec_send_frame(codec, null), "flushing the AAC encoder");
        drain();
    }

    private void sendPending() {
        Ffmpeg.check(av_frame_make_writable(frame), "making the audio frame writable");
        frame.nb_samples(pendingCount);
        new FloatPointer(frame.data(0)).put(pending, 0, pendingCount);
        frame.pts(samplesSent);
        samplesSent += pendingCount;
        pendingCount = 0;
        Ffmpeg.check(avcodec_send_frame(codec, frame), "encoding an audio frame");
        drain();
    }

    private void drain() {
        while (true) {
            int ret = avcodec_receive_packet(codec, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
                return;
            }
            Ffmpeg.check(ret, "receiving an AAC packet");
            out.write(packet, codec.time_base(), stream);
        }
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(frame);
        avcodec_free_context(codec);
    }
}
