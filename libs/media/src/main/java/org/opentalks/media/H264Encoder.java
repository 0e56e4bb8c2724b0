package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * H.264 through libopenh264 (the encoder the LGPL FFmpeg build carries): packed BGR frames in,
 * yuv420p BT.601 at a constant frame rate out, one packet stream into a {@link ContainerWriter}.
 */
final class H264Encoder implements AutoCloseable {
    static final String CODEC_NAME = "libopenh264";

    private final ContainerWriter out;
    private final int width;
    private final int height;
    private final AVCodecContext codec;
    private final AVStream stream;
    private final AVFrame picture;
    private final AVPacket packet;
    private final SwsContext toYuv;
    private final BytePointer bgr;
    private final PointerPointer<BytePointer> bgrPlanes;
    private final IntPointer bgrStrides;
    private long nextPts;

    /** @param bitRate target bits per second */
    H264Encoder(ContainerWriter out, int width, int height, AVRational frameRate, long bitRate) {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("yuv420p needs even, positive dimensions, not " + width + "x" + height);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        AVCodec h264 = avcodec_find_encoder_by_name(CODEC_NAME);
        if (h264 == null || h264.isNull()) {
            throw new MediaException("ffmpeg: this FFmpeg build has no " + CODEC_NAME + " encoder");
        }
        codec = avcodec_alloc_context3(h264);
        codec.width(width);
        codec.height(height);
        codec.pix_fmt(AV_PIX_FMT_YUV420P);
        codec.time_base(av_inv_q(frameRate));
        codec.framerate(frameRate);
        codec.bit_rate(bitRate);
        // A key frame every two seconds keeps seeking cheap without costing much rate.
        codec.gop_size((int) Math.max(1, Math.round(2.0 * frameRate.num() / frameRate.den())));
        codec.max_b_frames(0);
        // swscale converts with the BT.601 matrix into limited range; say so in the stream.
        codec.color_range(AVCOL_RANGE_MPEG);
        codec.colorspace(AVCOL_SPC_SMPTE170M);
        codec.color_primaries(AVCOL_PRI_SMPTE170M);
        codec.color_trc(AVCOL_TRC_SMPTE170M);
        // One thread, one slice: on the 2-core workers, two slice threads were no faster (the
        // other core is busy rendering or decoding) and made the output differ from run to run.
        codec.thread_count(1);
        codec.flags(out.encoderFlags(codec.flags()));
        AVDictionary options = new AVDictionary(null);
        // Every input frame must come out: the frame count is the talk's timeline.
        av_dict_set(options, "allow_skip_frames", "0", 0);
        try {
            Ffmpeg.check(avcodec_open2(codec, h264, options), "opening " + CODEC_NAME + " at " + width + "x" + height);
        } finally {
            av_dict_free(options);
        }
        stream = out.addStream(codec);

        picture = av_frame_alloc();
        picture.format(AV_PIX_FMT_YUV420P);
        picture.width(width);
        picture.height(height);
        Ffmpeg.check(av_frame_get_buffer(picture, 0), "allocating a video frame");
        packet = av_packet_alloc();
        toYuv = sws_getContext(width, height, AV_PIX_FMT_BGR24, width, height, AV_PIX_FMT_YUV420P,
                SWS_BILINEAR, null, null, (DoublePointer) null);
        if (toYuv == null || toYuv.isNull()) {
            throw new MediaException("ffmpeg: cannot convert BGR24 to yuv420p at " + width + "x" + height);
        }
        bgr = new BytePointer((long) width * height * 3);
        bgrPlanes = new PointerPointer<>(bgr, null, null, null);
        bgrStrides = new IntPointer(width * 3, 0, 0, 0);
    }

    /** Encodes one packed BGR frame ({@code width*height*3} bytes). */
    void encode(byte[] frame) {
        if (frame.length != width * height * 3) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " BGR frame ("
                    + width * height * 3 + " bytes), got " + frame.length + " bytes");
        }
        bgr.position(0).put(frame);
        // The encoder may still hold the previous picture's buffers.
        Ffmpeg.check(av_frame_make_writable(picture), "making the video frame writable");
        sws_scale(toYuv, bgrPlanes, bgrStrides, 0, height, picture.data(), picture.linesize());
        picture.pts(nextPts++);
        Ffmpeg.check(avcodec_send_frame(codec, picture), "encoding a video frame");
        drain();
    }

    int framesEncoded() {
        return (int) nextPts;
    }

    /** Flushes the frames the encoder still holds. */
    void finish() {
        Ffmpeg.check(avcodec_send_frame(codec, null), "flushing the video encoder");
        drain();
    }

    private void drain() {
        while (true) {
            int ret = avcodec_receive_packet(codec, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
                return;
            }
            Ffmpeg.check(ret, "receiving an H.264 packet");
            if (packet.duration() <= 0) {
                // libopenh264 leaves it 0; the MP4 muxer would then cut the last frame from the
                // track's edit list, since the track ends at the last packet's pts + duration.
                packet.duration(1);
            }
            out.write(packet, codec.time_base(), stream);
        }
    }

    @Override
    public void close() {
        sws_freeContext(toYuv);
        av_packet_free(packet);
        av_frame_free(picture);
        avcodec_free_context(codec);
        bgr.close();
        bgrPlanes.close();
        bgrStrides.close();
    }
}
