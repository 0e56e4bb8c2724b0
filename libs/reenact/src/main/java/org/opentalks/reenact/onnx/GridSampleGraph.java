package org.opentalks.reenact.onnx;

import static org.opentalks.reenact.onnx.OnnxModelWriter.FLOAT;
import static org.opentalks.reenact.onnx.OnnxModelWriter.UINT8;
import static org.opentalks.reenact.onnx.OnnxModelWriter.intAttribute;
import static org.opentalks.reenact.onnx.OnnxModelWriter.intsAttribute;
import static org.opentalks.reenact.onnx.OnnxModelWriter.stringAttribute;

import java.util.List;

/**
 * The ONNX graph of {@link org.opentalks.reenact.Resampler#remap} for one frame size: bilinear GridSample with the
 * border replicated, the byte and coordinate conversions done inside the graph so that the caller only copies.
 *
 * <pre>
 * src   uint8 [1, H, W, 3]  packed BGR, as it is
 * map_x float [1, H, W]     source x in pixels (pixel centres at integers)
 * map_y float [1, H, W]     source y in pixels
 * dst   uint8 [1, H, W, 3]  packed BGR
 * </pre>
 *
 * GridSample (opset 16) with {@code align_corners = 1} puts -1 and +1 on the centres of the corner pixels, so a pixel
 * coordinate {@code x} normalises to {@code x·2/(W-1) - 1}; {@code padding_mode = border} clamps the coordinate to
 * the image, which is border replication. The result is rounded half up ({@code floor(v + 0.5)}) like cv::remap's
 * fixed-point rounding.
 */
public final class GridSampleGraph {
    public static final String SRC = "src";
    public static final String MAP_X = "map_x";
    public static final String MAP_Y = "map_y";
    public static final String DST = "dst";
    /** The first opset with GridSample. */
    public static final int OPSET = 16;
    /** IR version 8 came with opset 16 (ONNX 1.11). */
    static final int IR_VERSION = 8;

    private GridSampleGraph() {
    }

    /** The serialized ONNX model for {@code width × height} frames. */
    public static byte[] build(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        // A one-pixel-wide axis has a single sample whatever the coordinate: any finite scale will do.
        float scaleX = width > 1 ? 2f / (width - 1) : 0f;
        float scaleY = height > 1 ? 2f / (height - 1) : 0f;
        return new OnnxModelWriter("remap_" + width + "x" + height)
                .input(SRC, UINT8, 1, height, width, 3)
                .input(MAP_X, FLOAT, 1, height, width)
                .input(MAP_Y, FLOAT, 1, height, width)
                .output(DST, UINT8, 1, height, width, 3)
                .floatInitializer("scale_x", new long[0], scaleX)
                .floatInitializer("scale_y", new long[0], scaleY)
                .floatInitializer("minus_one", new long[0], -1f)
                .floatInitializer("half", new long[0], 0.5f)
                .floatInitializer("zero", new long[0], 0f)
                .floatInitializer("max_level", new long[0], 255f)
                .int64Initializer("last_axis", new long[] {1}, 3)
                // Transpose while still one byte per sample, then widen.
                .node("Transpose", List.of(SRC), List.of("src_nchw"), intsAttribute("perm", 0, 3, 1, 2))
                .node("Cast", List.of("src_nchw"), List.of("src_float"), intAttribute("to", FLOAT))
                // Normalise each axis on its own [1, H, W] map, then stack: ORT's CPU kernels broadcast a scalar
                // over [1, H, W, 1], or a [2] operand over [1, H, W, 2], ten times slower (2-5 ms against 0.2 ms).
                .node("Mul", List.of(MAP_X, "scale_x"), List.of("map_x_scaled"))
                .node("Add", List.of("map_x_scaled", "minus_one"), List.of("grid_x"))
                .node("Mul", List.of(MAP_Y, "scale_y"), List.of("map_y_scaled"))
                .node("Add", List.of("map_y_scaled", "minus_one"), List.of("grid_y"))
                .node("Unsqueeze", List.of("grid_x", "last_axis"), List.of("grid_x_4d"))
                .node("Unsqueeze", List.of("grid_y", "last_axis"), List.of("grid_y_4d"))
                .node("Concat", List.of("grid_x_4d", "grid_y_4d"), List.of("grid"), intAttribute("axis", 3))
                .node("GridSample", List.of("src_float", "grid"), List.of("sampled"),
                        stringAttribute("mode", "bilinear"), stringAttribute("padding_mode", "border"),
                        intAttribute("align_corners", 1))
                .node("Add", List.of("sampled", "half"), List.of("sampled_plus_half"))
                .node("Floor", List.of("sampled_plus_half"), List.of("rounded"))
                .node("Clip", List.of("rounded", "zero", "max_level"), List.of("clipped"))
                .node("Cast", List.of("clipped"), List.of("dst_nchw"), intAttribute("to", UINT8))
                .node("Transpose", List.of("dst_nchw"), List.of(DST), intsAttribute("perm", 0, 2, 3, 1))
                .toModel(IR_VERSION, OPSET, "opentalks-reenact");
    }
}
