package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One palette for a whole GIF, made by FFmpeg's {@code palettegen} (median cut over the colour
 * histogram of every picture it is shown). 255 colours plus one transparent entry, which the GIF
 * encoder uses for pixels that did not change since the previous frame.
 */
final class GifPalette implements AutoCloseable {
    static final String PALETTEGEN = "max_colors=256:reserve_transparent=1:stats_mode=full";

    private final FilterGraph graph = new FilterGraph();
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private final AVFrame picture;
    private AVFrame palette;
    private long samples;

    GifPalette(int width, int height) {
        try {
            // palettegen ignores timing; any time base will do.
            source = graph.videoSource("in", width, height, AV_PIX_FMT_BGR24, av_make_q(1, 25));
            AVFilterContext generator = graph.add("palettegen", "palettegen", PALETTEGEN);
            sink = graph.sink("out");
            FilterGraph.link(source, generator, 0);
            FilterGraph.link(generator, sink, 0);
            graph.configure();
            picture = FilterGraph.bgrFrame(width, height);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Counts one picture's colours (packed BGR). */
    void add(byte[] bgr) {
        if (palette != null) {
            throw new IllegalStateException("the palette is already made");
        }
        FilterGraph.fill(picture, bgr, samples++);
        FilterGraph.push(source, picture);
    }

    /** The palette as palettegen's 16x16 frame, one colour per pixel; owned by this object. */
    AVFrame frame() {
        if (palette == null) {
            if (samples == 0) {
                throw new IllegalStateException("no pictures to make a palette from");
            }
            FilterGraph.push(source, null);
            palette = av_frame_alloc();
            if (!FilterGraph.pull(sink, palette)) {
                throw new MediaException("ffmpeg: palettegen made no palette from " + samples + " pictures");
            }
        }
        return palette;
    }

    @Override
    public void close() {
        av_frame_free(picture);
        if (palette != null) {
            av_frame_free(palette);
        }
        graph.close();
    }
}
