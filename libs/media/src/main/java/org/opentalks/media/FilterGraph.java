package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_link;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import org.bytedeco.ffmpeg.avfilter.AVFilter;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * A libavfilter graph built filter by filter, fed and drained by hand through buffer sources and
 * sinks. {@link #configure()} inserts the pixel format conversions the filters need.
 */
final class FilterGraph implements AutoCloseable {
    private final AVFilterGraph graph;

    FilterGraph() {
        Ffmpeg.init();
        graph = avfilter_graph_alloc();
        if (graph == null || graph.isNull()) {
            throw new MediaException("ffmpeg: cannot allocate a filter graph");
        }
        // As for the encoders: the workers' other core is busy decoding or rendering.
        graph.nb_threads(1);
    }

    AVFilterContext add(String filter, String name, String args) {
        AVFilter type = avfilter_get_by_name(filter);
        if (type == null || type.isNull()) {
            throw new MediaException("ffmpeg: this FFmpeg build has no " + filter + " filter");
        }
        AVFilterContext context = new AVFilterContext(null);
        Ffmpeg.check(avfilter_graph_create_filter(context, type, name, args, null, graph),
                "creating the filter " + filter + (args == null ? "" : "=" + args));
        return context;
    }

    /** A source for frames of one size and pixel format whose timestamps count in {@code timeBase}. */
    AVFilterContext videoSource(String name, int width, int height, int pixelFormat, AVRational timeBase) {
        BytePointer format = av_get_pix_fmt_name(pixelFormat);
        return add("buffer", name, "video_size=" + width + "x" + height + ":pix_fmt=" + format.getString()
                + ":time_base=" + timeBase.num() + "/" + timeBase.den() + ":pixel_aspect=1/1");
    }

    AVFilterContext sink(String name) {
        return add("buffersink", name, null);
    }

    static void link(AVFilterContext from, AVFilterContext to, int toInput) {
        Ffmpeg.check(avfilter_link(from, 0, to, toInput), "linking filters");
    }

    void configure() {
        Ffmpeg.check(avfilter_graph_config(graph, null), "configuring the filter graph");
    }

    /** Sends a frame that the caller keeps (the graph takes its own reference); null ends the stream. */
    static void push(AVFilterContext source, AVFrame frame) {
        int ret = frame == null
                ? av_buffersrc_add_frame(source, null)
                : av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF);
        Ffmpeg.check(ret, "feeding the filter graph");
    }

    /** Moves the next filtered frame into {@code frame}; false when none is ready or the stream has ended. */
    static boolean pull(AVFilterContext sink, AVFrame frame) {
        int ret = av_buffersink_get_frame(sink, frame);
        if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
            return false;
        }
        Ffmpeg.check(ret, "reading from the filter graph");
        return true;
    }

    /** A BGR24 frame with its own buffers, for {@link #fill}. */
    static AVFrame bgrFrame(int width, int height) {
        AVFrame frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_BGR24);
        frame.width(width);
        frame.height(height);
        Ffmpeg.check(av_frame_get_buffer(frame, 0), "allocating a " + width + "x" + height + " frame");
        return frame;
    }

    /** Copies packed BGR pixels into a frame from {@link #bgrFrame}, which the graph may still hold. */
    static void fill(AVFrame frame, byte[] bgr, long pts) {
        int rowBytes = frame.width() * 3;
        if (bgr.length != rowBytes * frame.height()) {
            throw new IllegalArgumentException("expected a " + frame.width() + "x" + frame.height() + " BGR frame ("
                    + rowBytes * frame.height() + " bytes), got " + bgr.length + " bytes");
        }
        Ffmpeg.check(av_frame_make_writable(frame), "making a frame writable");
        BytePointer pixels = frame.data(0);
        int stride = frame.linesize(0);
        if (stride == rowBytes) {
            pixels.put(bgr);
        } else {
            // av_frame_get_buffer pads rows for SIMD alignment.
            for (int y = 0; y < frame.height(); y++) {
                pixels.position((long) y * stride).put(bgr, y * rowBytes, rowBytes);
            }
        }
        frame.pts(pts);
    }

    @Override
    public void close() {
        avfilter_graph_free(graph);
    }
}
