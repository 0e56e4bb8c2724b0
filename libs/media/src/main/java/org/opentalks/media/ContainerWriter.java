package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * A media file being written (MP4, MOV or GIF): streams are added, then {@link #begin()} writes the
 * header, packets go in through the interleaving queue, and {@link #finish()} writes the trailer.
 * In MP4 and MOV the index (moov) is moved to the front on finish ({@code movflags=+faststart}) so
 * players can start before the whole file has arrived; a GIF loops forever.
 */
final class ContainerWriter implements AutoCloseable {
    private final Path file;
    private final ResultFormat format;
    private final AVFormatContext context = new AVFormatContext(null);
    private boolean begun;

    /** An MP4 file. */
    ContainerWriter(Path file) {
        this(file, ResultFormat.MP4);
    }

    ContainerWriter(Path file, ResultFormat format) {
        Ffmpeg.init();
        this.file = file;
        this.format = format;
        Ffmpeg.check(avformat_alloc_output_context2(context, null, format.extension(), file.toString()),
                "allocating the " + format + " muxer for " + file);
    }

    /** Encoders must set this flag before opening: MP4 keeps SPS/PPS and AudioSpecificConfig in the header. */
    int encoderFlags(int flags) {
        return (context.oformat().flags() & AVFMT_GLOBALHEADER) != 0 ? flags | AV_CODEC_FLAG_GLOBAL_HEADER : flags;
    }

    /** A stream fed by an opened encoder. */
    AVStream addStream(AVCodecContext encoder) {
        AVStream stream = newStream();
        Ffmpeg.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "copying encoder parameters");
        stream.time_base(encoder.time_base());
        return stream;
    }

    /** A stream whose packets are copied from another file unchanged. */
    AVStream addCopiedStream(AVStream input) {
        AVStream stream = newStream();
        Ffmpeg.check(avcodec_parameters_copy(stream.codecpar(), input.codecpar()), "copying stream parameters");
        // The input's codec tag belongs to its container; let this muxer choose its own.
        stream.codecpar().codec_tag(0);
        stream.time_base(input.time_base());
        stream.avg_frame_rate(input.avg_frame_rate());
        stream.r_frame_rate(input.r_frame_rate());
        return stream;
    }

    private AVStream newStream() {
        if (begun) {
            throw new IllegalStateException("streams must be added before the header is written");
        }
        AVStream stream = avformat_new_stream(context, null);
        if (stream == null) {
            throw new MediaException("ffmpeg: cannot add a stream to " + file);
        }
        return stream;
    }

    void begin() {
        AVIOContext io = new AVIOContext(null);
        Ffmpeg.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "opening " + file + " for writing");
        context.pb(io);
        AVDictionary options = new AVDictionary(null);
        if (format == ResultFormat.GIF) {
            av_dict_set(options, "loop", "0", 0);
        } else {
            av_dict_set(options, "movflags", "+faststart", 0);
        }
        try {
            Ffmpeg.check(avformat_write_header(context, options), "writing the " + format + " header of " + file);
        } finally {
            av_dict_free(options);
        }
        begun = true;
    }

    /** Writes one packet whose timestamps are in {@code timeBase}; the packet is consumed. */
    void write(AVPacket packet, AVRational timeBase, AVStream stream) {
        packet.stream_index(stream.index());
        av_packet_rescale_ts(packet, timeBase, stream.time_base());
        packet.pos(-1);
        Ffmpeg.check(av_interleaved_write_frame(context, packet), "writing a packet to " + file);
    }

    void finish() {
        Ffmpeg.check(av_write_trailer(context), "finishing " + file);
    }

    @Override
    public void close() {
        AVIOContext io = context.pb();
        if (io != null && !io.isNull()) {
            avio_close(io);
            context.pb(null);
        }
        avformat_free_context(context);
    }
}
