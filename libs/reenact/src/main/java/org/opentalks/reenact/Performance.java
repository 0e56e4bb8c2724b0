package org.opentalks.reenact;

import java.util.Objects;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.VisemeTrack;

/**
 * What the face does over a talk: the speech's mouth shapes and loudness, the driver's head,
 * brow and blink motion, and the requested expressions and motion settings.
 *
 * @param visemes  the mouth-shape timeline; REST beyond its end
 * @param energy   the speech's loudness per video frame ({@link SpeechEnergy}), or null to use the
 *                 visemes' openings as they are
 * @param driver   head pose per frame (at the driver's fps, the last one held), blink start times
 *                 and brow motion; no poses means a still head
 * @param settings motion factor, normalization, fluent, sharpen and expressions
 */
public record Performance(VisemeTrack visemes, float[] energy, DriverTrack driver, AnimationSettings settings) {
    public Performance {
        Objects.requireNonNull(visemes, "visemes");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(settings, "settings");
    }
}
