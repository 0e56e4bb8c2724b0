package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/** Return-code checks for the FFmpeg C API, and the library's one-time settings. */
final class Ffmpeg {
    static {
        // FFmpeg logs every stream it opens at INFO; stages log their own one line per step.
        av_log_set_level(AV_LOG_ERROR);
    }

    /** Touching this class applies the settings above before any FFmpeg call. */
    static void init() {
    }

    static int check(int ret, String what) {
        if (ret < 0) {
            throw new MediaException("ffmpeg: " + what + " failed: " + describe(ret));
        }
        return ret;
    }

    /** The average frame rate, or the container's base rate where the average is unset. */
    static AVRational frameRate(AVStream video) {
        AVRational rate = video.avg_frame_rate();
        if (rate.num() <= 0 || rate.den() <= 0) {
            rate = video.r_frame_rate();
        }
        if (rate.num() <= 0 || rate.den() <= 0) {
            throw new MediaException("the video stream states no frame rate");
        }
        return av_make_q(rate.num(), rate.den());
    }

    static String describe(int error) {
        byte[] buf = new byte[256];
        av_strerror(error, buf, buf.length);
        int end = 0;
        while (end < buf.length && buf[end] != 0) {
            end++;
        }
        return new String(buf, 0, end, StandardCharsets.UTF_8) + " (" + error + ")";
    }

    private Ffmpeg() {
    }
}
