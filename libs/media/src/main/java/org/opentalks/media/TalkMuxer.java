package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Makes the talk file from the rendered frames video (H.264, no audio) and the speech WAV. MP4 and
 * MOV get H.264 video and mono AAC audio, {@code moov} before {@code mdat}; the video's frame count
 * sets the length and the speech is cut or padded with silence to end with the last frame. GIF gets
 * the same frames at the same rate, silent, looping forever (see {@link GifEncoder}).
 *
 * <p>When the picture stays as it is, MP4 and MOV copy the H.264 packets and only encode the audio.
 * With a {@link Stitch} or a {@link Logo}, each frame is decoded, blended back into the photo by
 * {@link StitchCompositor}, overlaid with the logo, and encoded again at the photo's (capped) size.
 */
public final class TalkMuxer {
    public static final long AUDIO_BIT_RATE = 128_000;
    /** Bits per pixel per frame for re-encoded video: ~6 Mbit/s at 1280x960, 25 fps. */
    static final double REENCODE_BITS_PER_PIXEL = 0.2;
    /** Pictures per second of video that the GIF palette is computed from. */
    static final double GIF_PALETTE_SAMPLES_PER_SECOND = 5;

    private record Written(int frames, double frameRate, int width, int height) {
    }

    /**
     * An MP4 without a logo: {@code mux(framesVideo, speechWav, output, new MuxOptions(MP4, stitch, null))}.
     *
     * @param stitch null to keep the frames video's picture (stream copy), or the photo to put it back into
     */
    public MuxResult mux(Path framesVideo, Path speechWav, Path output, Stitch stitch) {
        return mux(framesVideo, speechWav, output, new MuxOptions(ResultFormat.MP4, stitch, null));
    }

    /**
     * @param speechWav the speech; not read for a GIF, and may then be null
     * @throws UnusableMediaException when the logo does not fit the video
     */
    public MuxResult mux(Path framesVideo, Path speechWav, Path output, MuxOptions options) {
        SpeechTrack speech = options.format().hasAudio() ? SpeechTrack.of(PcmWav.read(speechWav)) : null;
        try {
            Written written;
            if (!options.format().hasAudio()) {
                written = gif(framesVideo, output, options);
            } else if (options.changesPicture()) {
                written = encodeVideo(framesVideo, speech, output, options);
            } else {
                written = copyVideo(framesVideo, speech, output, options.format());
            }
            return new MuxResult(written.frames(), written.frames() / written.frameRate(), written.width(),
                    written.height(), Files.size(output));
        } catch (IOException e) {
            deleteQuietly(output, e);
            throw new UncheckedIOException("cannot read back " + output, e);
        } catch (RuntimeException e) {
            deleteQuietly(output, e);
            throw e;
        }
    }

    private Written copyVideo(Path framesVideo, SpeechTrack speech, Path output, ResultFormat format) {
        Ffmpeg.init();
        AVFormatContext input = new AVFormatContext(null);
        Ffmpeg.check(avformat_open_input(input, framesVideo.toString(), null, (AVDictionary) null),
                "opening " + framesVideo);
        AVPacket packet = av_packet_alloc();
        try {
            Ffmpeg.check(avformat_find_stream_info(input, (PointerPointer<?>) null), "reading " + framesVideo);
            int videoIndex = Ffmpeg.check(av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0),
                    "finding the video stream of " + framesVideo);
            AVStream video = input.streams(videoIndex);
            if (video.codecpar().codec_id() != AV_CODEC_ID_H264) {
                throw new MediaException(framesVideo + " is not H.264: its packets cannot be copied into the talk");
            }
            AVRational frameRate = Ffmpeg.frameRate(video);
            long start = video.start_time() == AV_NOPTS_VALUE ? 0 : video.start_time();
            try (ContainerWriter out = new ContainerWriter(output, format)) {
                AVStream videoOut = out.addCopiedStream(video);
                try (AacEncoder audio = new AacEncoder(out, speech.sampleRate(), AUDIO_BIT_RATE)) {
                    out.begin();
                    int frames = 0;
                    int ret;
                    while ((ret = av_read_frame(input, packet)) >= 0) {
                        if (packet.stream_index() == videoIndex) {
                            shift(packet, start);
                            out.write(packet, video.time_base(), videoOut);
                            frames++;
                            speech.encodeUntil(audioEnd(frames, frameRate, speech), audio);
                        }
                        av_packet_unref(packet);
                    }
                    if (ret != AVERROR_EOF()) {
                        Ffmpeg.check(ret, "reading packets from " + framesVideo);
                    }
                    if (frames == 0) {
                        throw new MediaException(framesVideo + " has no frames");
                    }
                    audio.finish();
                    out.finish();
                    return new Written(frames, av_q2d(frameRate), video.codecpar().width(), video.codecpar().height());
                }
            }
        } finally {
            av_packet_free(packet);
            avformat_close_input(input);
        }
    }

    private Written encodeVideo(Path framesVideo, SpeechTrack speech, Path output, MuxOptions options) {
        try (TalkPictures pictures = new TalkPictures(framesVideo, options);
             ContainerWriter out = new ContainerWriter(output, options.format())) {
            AVRational frameRate = av_make_q(pictures.frameRateNumerator(), pictures.frameRateDenominator());
            int width = pictures.width();
            int height = pictures.height();
            long bitRate = Math.round(REENCODE_BITS_PER_PIXEL * width * height * av_q2d(frameRate));
            try (H264Encoder video = new H264Encoder(out, width, height, frameRate, bitRate);
                 AacEncoder audio = new AacEncoder(out, speech.sampleRate(), AUDIO_BIT_RATE)) {
                out.begin();
                byte[] picture;
                while ((picture = pictures.next()) != null) {
                    video.encode(picture);
                    speech.encodeUntil(audioEnd(video.framesEncoded(), frameRate, speech), audio);
                }
                if (video.framesEncoded() == 0) {
                    throw new MediaException(framesVideo + " has no frames");
                }
                video.finish();
                audio.finish();
                out.finish();
                return new Written(video.framesEncoded(), av_q2d(frameRate), width, height);
            }
        }
    }

    /**
     * Two passes over the frames: the first makes one palette from a few pictures a second, the
     * second maps every picture onto it. A palette per clip keeps colours from flickering between
     * frames, and lets the encoder mark unchanged pixels transparent.
     */
    private Written gif(Path framesVideo, Path output, MuxOptions options) {
        try (TalkPictures pictures = new TalkPictures(framesVideo, options);
             GifPalette palette = new GifPalette(pictures.width(), pictures.height())) {
            AVRational frameRate = av_make_q(pictures.frameRateNumerator(), pictures.frameRateDenominator());
            int every = (int) Math.max(1, Math.round(av_q2d(frameRate) / GIF_PALETTE_SAMPLES_PER_SECOND));
            int sampled = 0;
            for (int i = 0; ; i++) {
                if (i % every == 0) {
                    byte[] picture = pictures.next();
                    if (picture == null) {
                        break;
                    }
                    palette.add(picture);
                    sampled++;
                } else if (!pictures.skip()) {
                    break;
                }
            }
            if (sampled == 0) {
                throw new MediaException(framesVideo + " has no frames");
            }
            pictures.rewind();
            try (ContainerWriter out = new ContainerWriter(output, ResultFormat.GIF);
                 GifEncoder video = new GifEncoder(out, pictures.width(), pictures.height(), frameRate, palette)) {
                out.begin();
                byte[] picture;
                int frames = 0;
                while ((picture = pictures.next()) != null) {
                    video.encode(picture);
                    frames++;
                }
                video.finish();
                out.finish();
                if (video.framesEncoded() != frames) {
                    throw new MediaException("the GIF encoder wrote " + video.framesEncoded() + " of " + frames
                            + " frames");
                }
                return new Written(frames, av_q2d(frameRate), pictures.width(), pictures.height());
            }
        }
    }

    /** Audio samples that end together with frame {@code frames}: frames / fps * rate, rounded. */
    private static long audioEnd(int frames, AVRational frameRate, SpeechTrack speech) {
        return Math.round((double) frames * speech.sampleRate() * frameRate.den() / frameRate.num());
    }

    private static void shift(AVPacket packet, long start) {
        if (start == 0) {
            return;
        }
        if (packet.pts() != AV_NOPTS_VALUE) {
            packet.pts(packet.pts() - start);
        }
        if (packet.dts() != AV_NOPTS_VALUE) {
            packet.dts(packet.dts() - start);
        }
    }

    private static void deleteQuietly(Path output, Exception failure) {
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
