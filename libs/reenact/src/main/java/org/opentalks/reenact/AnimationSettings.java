package org.opentalks.reenact;

import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.TalkConfig;

/**
 * How a talk is animated, from D-ID's {@code config}.
 *
 * @param motionFactor        scales the driver's head and brow motion; 0 holds the head still
 * @param normalizationFactor 0–1: how far the photo's own expression (a smile, raised brows, an open
 *                            mouth at rest) is relaxed towards neutral
 * @param fluent              start and end in the photo's pose, so consecutive videos join
 * @param sharpen             a mild unsharp mask on the face
 * @param expressions         expressions over time, or null for neutral throughout
 */
public record AnimationSettings(double motionFactor, double normalizationFactor, boolean fluent, boolean sharpen,
                                DriverExpressions expressions) {
    /** D-ID's defaults. */
    public static final AnimationSettings DEFAULT = new AnimationSettings(1, 1, false, true, null);

    public AnimationSettings {
        if (!(motionFactor >= 0) || !(normalizationFactor >= 0 && normalizationFactor <= 1)) {
            throw new IllegalArgumentException("bad motion factor " + motionFactor + " or normalization factor "
                    + normalizationFactor);
        }
    }

    public static AnimationSettings of(TalkConfig config) {
        return new AnimationSettings(config.motionFactor(), config.normalizationFactor(), config.fluent(),
                config.sharpen(), config.driverExpressions());
    }

    public AnimationSettings withExpressions(DriverExpressions value) {
        return new AnimationSettings(motionFactor, normalizationFactor, fluent, sharpen, value);
    }

    public AnimationSettings withMotionFactor(double value) {
        return new AnimationSettings(value, normalizationFactor, fluent, sharpen, expressions);
    }
}
