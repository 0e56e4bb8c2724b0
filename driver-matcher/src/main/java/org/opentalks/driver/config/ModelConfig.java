package org.opentalks.driver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** {@code opentalks.models.*}: where the face models are, and the video frame rate drivers are made for. */
@ConfigMapping(prefix = "opentalks.models")
public interface ModelConfig {
    /** Folder holding the BlazeFace ONNX files from the npm package. */
    Path blazefaceDir();

    /** dlib's 68-landmark shape predictor (Debian libdlib-data). */
    Path landmarksFile();

    @WithDefault("25")
    double fps();
}
