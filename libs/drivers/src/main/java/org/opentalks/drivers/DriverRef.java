package org.opentalks.drivers;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A driver named by a D-ID {@code driver_url}: {@code bank://family[/driver-NN[/variant]]}. The
 * parts left out are chosen by {@link DriverBank#choose}.
 *
 * @param family  the family, e.g. {@link DriverFamily#LIVELY}
 * @param driver  the driver number (1 to {@code family.drivers()}), or 0 when not given
 * @param variant the variant, or null when not given (always null when {@code driver} is 0)
 */
public record DriverRef(DriverFamily family, int driver, DriverVariant variant) {
    public static final String SCHEME = "bank://";
    /** What a talk without {@code driver_url} gets; D-ID echoes it as {@code bank://lively/}. */
    public static final DriverRef DEFAULT = new DriverRef(DriverFamily.LIVELY, 0, null);

    private static final Pattern DRIVER = Pattern.compile("driver-(\\d{1,3})");
    private static final String FAMILIES = "use bank://lively, bank://subtle or bank://natural";

    public DriverRef {
        if (family == null) {
            throw new IllegalArgumentException("family is required");
        }
        if (driver < 0 || driver > family.drivers()) {
            throw unknownDriver(driverName(driver), family);
        }
        if (variant != null && driver == 0) {
            // The URL form has no place for a variant without a driver.
            throw new IllegalArgumentException("a variant needs a driver: " + family.id() + "/" + variant.id());
        }
    }

    /**
     * Parses a {@code driver_url}; null or blank gives {@link #DEFAULT}. A trailing slash is
     * allowed ({@code bank://lively/}), and case is ignored.
     *
     * @throws UnknownDriverException for any other scheme, or a family, driver or variant the bank
     *                                does not have
     */
    public static DriverRef parse(String url) {
        if (url == null || url.isBlank()) {
            return DEFAULT;
        }
        String given = url.strip();
        String lower = given.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(SCHEME)) {
            throw new UnknownDriverException("Unsupported driver_url '%s': only the driver bank is available, %s"
                    .formatted(given, FAMILIES));
        }
        String path = lower.substring(SCHEME.length());
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.split("/", -1);
        if (parts.length > 3) {
            throw malformed(given);
        }
        DriverFamily family = DriverFamily.fromId(parts[0]);
        if (family == null) {
            throw unknownFamily(parts[0]);
        }
        int driver = 0;
        if (parts.length > 1) {
            Matcher m = DRIVER.matcher(parts[1]);
            driver = m.matches() ? Integer.parseInt(m.group(1)) : 0;
            if (driver < 1 || driver > family.drivers()) {
                throw unknownDriver(parts[1], family);
            }
        }
        DriverVariant variant = null;
        if (parts.length > 2) {
            variant = DriverVariant.fromId(parts[2]);
            if (variant == null) {
                throw new UnknownDriverException("Unknown driver variant '%s' in %s%s/%s: use original or flipped"
                        .formatted(parts[2], SCHEME, family.id(), driverName(driver)));
            }
        }
        return new DriverRef(family, driver, variant);
    }

    private static UnknownDriverException unknownDriver(String name, DriverFamily family) {
        return new UnknownDriverException("Unknown driver '%s' in %s%s: it has driver-01 to driver-%02d"
                .formatted(name, SCHEME, family.id(), family.drivers()));
    }

    static UnknownDriverException unknownFamily(String id) {
        return new UnknownDriverException("Unknown driver bank '%s': %s".formatted(id, FAMILIES));
    }

    private static UnknownDriverException malformed(String url) {
        return new UnknownDriverException(("Malformed driver_url '%s': expected bank://family[/driver-NN[/variant]],"
                + " e.g. bank://lively/driver-03/flipped").formatted(url));
    }

    private static String driverName(int driver) {
        return "driver-%02d".formatted(driver);
    }

    public boolean hasDriver() {
        return driver > 0;
    }

    public boolean hasVariant() {
        return variant != null;
    }

    /** True when both driver and variant are given, so nothing is left to choose. */
    public boolean isResolved() {
        return hasDriver() && hasVariant();
    }

    /** The canonical URL of what is given, e.g. {@code bank://lively} or {@code bank://lively/driver-03/flipped}. */
    public String url() {
        StringBuilder url = new StringBuilder(SCHEME).append(family.id());
        if (hasDriver()) {
            url.append('/').append(driverName(driver));
            if (hasVariant()) {
                url.append('/').append(variant.id());
            }
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return url();
    }
}
