package org.opentalks.drivers;

import java.util.Locale;

/** A driver as recorded, or mirrored left to right (yaw, roll and horizontal shift negated). */
public enum DriverVariant {
    ORIGINAL,
    FLIPPED;

    /** The name in driver URLs, e.g. {@code flipped}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DriverVariant fromId(String id) {
        for (DriverVariant variant : values()) {
            if (variant.id().equals(id)) {
                return variant;
            }
        }
        return null;
    }
}
