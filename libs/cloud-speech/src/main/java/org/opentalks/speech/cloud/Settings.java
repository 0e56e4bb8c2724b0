package org.opentalks.speech.cloud;

import java.net.URI;
import java.time.Duration;

/** Checks shared by the configuration records. */
final class Settings {
    private Settings() {
    }

    static Duration positive(Duration value, Duration fallback, String what) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
        return value;
    }

    /** A region goes into a host name: letters, digits and dashes only. */
    static void checkRegion(String region, String provider) {
        if (region == null || !region.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("the " + provider + " region '" + region
                    + "' is not a region name such as westeurope or us-east-1");
        }
    }

    /** {@code path} under {@code base}, keeping any path the base has ({@code http://host/proxy} + {@code /v1}). */
    static URI at(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }
}
