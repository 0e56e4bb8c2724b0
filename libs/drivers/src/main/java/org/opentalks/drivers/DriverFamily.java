package org.opentalks.drivers;

import java.util.Locale;

/**
 * The driver bank's families, as D-ID names them ({@code bank://lively}, …), with how many
 * drivers each holds and how strongly a talk's phrasing is marked on top of the loop.
 */
public enum DriverFamily {
    /** Larger and faster motion; D-ID's default. */
    LIVELY(6, 1.6, 0.012),
    /** Small, slow motion. */
    SUBTLE(4, 0.7, 0.005),
    /** In between. */
    NATURAL(4, 1.1, 0.008);

    private final int drivers;
    private final double nodDegrees;
    private final double phraseBrow;

    DriverFamily(int drivers, double nodDegrees, double phraseBrow) {
        this.drivers = drivers;
        this.nodDegrees = nodDegrees;
        this.phraseBrow = phraseBrow;
    }

    /** The name in driver URLs, e.g. {@code lively}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Drivers in this family, numbered 1 to this. */
    public int drivers() {
        return drivers;
    }

    /** Peak pitch (degrees, down) of the nod added at a phrase boundary. */
    double nodDegrees() {
        return nodDegrees;
    }

    /** Peak brow raise (inter-ocular distances) added at the start of a phrase. */
    double phraseBrow() {
        return phraseBrow;
    }

    /** The family named {@code id}, or null. */
    static DriverFamily fromId(String id) {
        for (DriverFamily family : values()) {
            if (family.id().equals(id)) {
                return family;
            }
        }
        return null;
    }
}
