package org.opentalks.render.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code opentalks.render.*}: the talking-head video's geometry. */
@ConfigMapping(prefix = "opentalks.render")
public interface RenderConfig {
    /** Side of the square face crop, in pixels (D-ID: 512). */
    @WithDefault("512")
    int size();

    @WithDefault("25")
    double fps();
}
