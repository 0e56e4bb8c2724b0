package org.opentalks.render.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code opentalks.render.*}: the talking-head video's geometry and how frames are resampled. */
@ConfigMapping(prefix = "opentalks.render")
public interface RenderConfig {
    /** Side of the square face crop, in pixels (D-ID: 512). */
    @WithDefault("512")
    int size();

    @WithDefault("25")
    double fps();

    /**
     * The backend of the one resampling step per frame: {@code opencv} (OpenCV's remap on the CPU,
     * about 1 ms per 512² frame) or {@code onnx} (a GridSample graph on ONNX Runtime, with the CUDA
     * execution provider where the GPU build of ONNX Runtime and a GPU are present, else its CPU
     * provider, which is several times slower than OpenCV).
     */
    @WithDefault("opencv")
    Resampling resampler();

    enum Resampling {
        opencv,
        onnx
    }
}
