package org.opentalks.service.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.opentalks.service.fetch.FetchException.Reason;

/**
 * Which http(s) URLs and addresses may be reached. Only https, and plain http to allow-listed hosts;
 * only public unicast addresses, except that an allow-listed host over plain http may be loopback or
 * private (local use). Cloud metadata names and addresses are refused even when allow-listed.
 *
 * <p>Hosts are judged as OkHttp will connect to them ({@link HttpUrl#host()}: percent-decoded, IDN
 * mapped, lower case, IPv4-mapped IPv6 rewritten as IPv4). A host that reads as a number but is not a
 * canonical dotted quad ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1},
 * {@code 127.0.0.1.}) is refused outright: resolvers disagree on what such spellings mean.
 */
public final class AddressPolicy {
    /** Dotted decimal without leading zeros. */
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** The WHATWG URL standard's "ends in a number": a last label in decimal or 0x-hex means an IPv4 spelling. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0x[0-9a-f]*");
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
            0x54};
    private static final int METADATA_V4 = 0xa9fea9fe; // 169.254.169.254

    private static final String PRIVATE = "a private address";
    private static final String RESERVED = "a reserved address";
    private static final String DOCUMENTATION = "a documentation address";
    private static final String METADATA = "a cloud metadata address";

    /** Refused IPv4 ranges (RFC 6890 special-purpose registry); first match names the refusal. */
    private static final List<V4Range> REFUSED_V4 = List.of(
            new V4Range(0x00000000, 8, "an unspecified address"),
            new V4Range(0x0a000000, 8, PRIVATE),
            new V4Range(0x64400000, 10, PRIVATE), // 100.64/10 carrier-grade NAT
            new V4Range(0x7f000000, 8, "a loopback address"),
            new V4Range(0xa9fe0000, 16, "a link-local address"),
            new V4Range(0xac100000, 12, PRIVATE),
            new V4Range(0xc0000000, 24, RESERVED), // IETF protocol assignments
            new V4Range(0xc0000200, 24, DOCUMENTATION),
            new V4Range(0xc0586300, 24, RESERVED), // 6to4 relay anycast, deprecated
            new V4Range(0xc0a80000, 16, PRIVATE),
            new V4Range(0xc6120000, 15, RESERVED), // benchmarking
            new V4Range(0xc6336400, 24, DOCUMENTATION),
            new V4Range(0xcb007100, 24, DOCUMENTATION),
            new V4Range(0xe0000000, 4, "a multicast address"),
            new V4Range(0xffffffff, 32, "the broadcast address"),
            new V4Range(0xf0000000, 4, RESERVED));

    private final Set<String> allowHttpHosts;
    private final Set<String> metadataHosts;

    public AddressPolicy(Collection<String> allowHttpHosts, Collection<String> metadataHosts) {
        this.allowHttpHosts = allowHttpHosts.stream().map(AddressPolicy::normalHost).collect(Collectors.toSet());
        this.metadataHosts = metadataHosts.stream().map(AddressPolicy::normalHost)
                .map(h -> h.endsWith(".") ? h.substring(0, h.length() - 1) : h).collect(Collectors.toSet());
    }

    public static AddressPolicy of(FetchSettings settings) {
        return new AddressPolicy(settings.allowHttpHosts(), settings.metadataHosts());
    }

    /**
     * Parses an http(s) URL and checks its scheme and host without resolving it: refuses other schemes,
     * plain http to a host not allow-listed, numeric spellings, metadata names and refused IP literals.
     *
     * @return the URL exactly as OkHttp will request it
     */
    public HttpUrl checkUrl(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            String scheme = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
            if (!scheme.startsWith("http:") && !scheme.startsWith("https:")) {
                throw new FetchException(Reason.SCHEME_NOT_ALLOWED,
                        "Only https URLs are accepted here, not " + quote(url) + ".");
            }
            throw new FetchException(Reason.INVALID_URL, quote(url) + " is not a valid URL.");
        }
        checkUrl(parsed);
        return parsed;
    }

    /** {@link #checkUrl(String)} for a parsed URL. */
    public void checkUrl(HttpUrl url) {
        checkUrl(url, true);
    }

    /**
     * @param privateAllowed false for a redirect in a chain that started at a public URL: it may reach
     *                       an allow-listed http host only at a public address
     */
    void checkUrl(HttpUrl url, boolean privateAllowed) {
        String host = url.host();
        InetAddress literal = literal(host, url);
        boolean exempt = privateAllowed && mayReachPrivate(url);
        if (literal != null) {
            refusal(literal).filter(why -> !exempt || isMetadata(literal)).ifPresent(why -> {
                throw refused(url, "points to " + why);
            });
        } else if (isMetadataHost(host)) {
            throw refused(url, "names " + METADATA);
        }
        if (url.scheme().equals("http") && !allowHttpHosts.contains(host)) {
            throw new FetchException(Reason.SCHEME_NOT_ALLOWED, "Only https URLs are accepted, not the plain http URL "
                    + url + "; serve it over https.");
        }
    }

    /**
     * The full check for vetting a URL before it is stored (a webhook): {@link #checkUrl(String)}, then
     * resolves the host and checks every address. Connecting later must still go through a validating
     * client ({@link SafeFetcher#clientFor(HttpUrl)}), as DNS may answer differently then.
     */
    public List<InetAddress> check(URI uri) {
        HttpUrl url = checkUrl(uri.toString());
        try {
            return resolve(url.host(), url.scheme().equals("http"));
        } catch (RefusedAddressException e) {
            throw refused(url, "resolves to " + e.why());
        } catch (UnknownHostException e) {
            throw new FetchException(Reason.IO, "The host of " + url + " could not be found.", e);
        }
    }

    /** Plain http to an allow-listed host: the only way to a loopback or private address. */
    public boolean mayReachPrivate(HttpUrl url) {
        return url.scheme().equals("http") && allowHttpHosts.contains(url.host());
    }

    /**
     * Resolves {@code host} once and returns every address, or refuses the host when any address is
     * refused; the caller connects to exactly these addresses.
     *
     * @param plainHttp whether for a plain http request, where an allow-listed host may be private
     * @throws RefusedAddressException when the host or one of its addresses is refused
     */
    List<InetAddress> resolve(String host, boolean plainHttp) throws UnknownHostException {
        String normal = normalHost(host);
        if (isMetadataHost(normal)) {
            throw new RefusedAddressException(host, METADATA);
        }
        if (normal.indexOf(':') < 0 && isNumericSpelling(normal) && !DOTTED_QUAD.matcher(normal).matches()) {
            throw new RefusedAddressException(host, "an ambiguous numeric address");
        }
        boolean exempt = plainHttp && allowHttpHosts.contains(normal);
        List<InetAddress> all = Arrays.asList(InetAddress.getAllByName(host));
        for (InetAddress address : all) {
            Optional<String> why = refusal(address);
            if (why.isPresent() && (!exempt || isMetadata(address))) {
                throw new RefusedAddressException(host, why.get());
            }
        }
        return List.copyOf(all);
    }

    /**
     * Why {@code address} may not be reached (e.g. "a loopback address"), or empty for a public unicast
     * address. IPv6 addresses that embed an IPv4 one (mapped, compatible, NAT64, 6to4) are judged by it.
     */
    public static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        return Optional.ofNullable(b.length == 4 ? refusalV4(int32(b, 0)) : refusalV6(b));
    }

    private static String refusalV4(int ip) {
        if (ip == METADATA_V4) {
            return METADATA;
        }
        for (V4Range range : REFUSED_V4) {
            if (range.contains(ip)) {
                return range.why();
            }
        }
        return null;
    }

    private static String refusalV6(byte[] b) {
        if (Arrays.equals(b, AWS_METADATA_V6)) {
            return METADATA;
        }
        if (zeros(b, 0, 10) && u16(b, 10) == 0xffff) {
            return refusalV4(int32(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (zeros(b, 0, 12)) {
            int v4 = int32(b, 12);
            return v4 == 0 ? "an unspecified address" : v4 == 1 ? "a loopback address" : refusalV4(v4); // compatible
        }
        int first = u16(b, 0);
        if (first == 0x0064 && u16(b, 2) == 0xff9b) {
            // 64:ff9b::/96 NAT64 (RFC 6052) embeds IPv4; 64:ff9b:1::/48 is for local use (RFC 8215).
            return zeros(b, 4, 8) ? refusalV4(int32(b, 12)) : PRIVATE;
        }
        if (first == 0x2002) {
            return refusalV4(int32(b, 2)); // 6to4 (RFC 3056)
        }
        if ((first & 0xe000) != 0x2000) {
            // Outside 2000::/3, the only global unicast block: name the common ones.
            if ((first & 0xff00) == 0xff00) {
                return "a multicast address";
            }
            if ((first & 0xfe00) == 0xfc00) {
                return "a unique-local (private) address";
            }
            if ((first & 0xffc0) == 0xfe80) {
                return "a link-local address";
            }
            return (first & 0xffc0) == 0xfec0 ? PRIVATE : RESERVED;
        }
        if (first == 0x2001 && u16(b, 2) < 0x0200) {
            return RESERVED; // 2001::/23 IETF protocol assignments, Teredo among them
        }
        if (first == 0x2001 && u16(b, 2) == 0x0db8 || first == 0x3fff && (u16(b, 2) & 0xf000) == 0) {
            return DOCUMENTATION; // 2001:db8::/32, 3fff::/20 (RFC 9637)
        }
        return null;
    }

    private static boolean isMetadata(InetAddress address) {
        return METADATA.equals(refusal(address).orElse(null));
    }

    private boolean isMetadataHost(String host) {
        return metadataHosts.contains(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
    }

    /** A literal address host, or null for a name; throws for a numeric spelling that is not canonical. */
    private static InetAddress literal(String host, HttpUrl url) {
        try {
            if (host.indexOf(':') >= 0) {
                return InetAddress.getByName(host); // an IPv6 literal: parsed, never looked up
            }
            if (!isNumericSpelling(host)) {
                return null;
            }
            if (!DOTTED_QUAD.matcher(host).matches()) {
                throw refused(url, "writes its address in an ambiguous numeric form; use a host name");
            }
            String[] parts = host.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new FetchException(Reason.INVALID_URL, url + " has an invalid address.", e);
        }
    }

    private static boolean isNumericSpelling(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return NUMERIC_LABEL.matcher(h.substring(h.lastIndexOf('.') + 1)).matches();
    }

    private static FetchException refused(HttpUrl url, String what) {
        return new FetchException(Reason.ADDRESS_REFUSED, "The URL " + url + " " + what
                + ", which may not be fetched; use a public https URL.");
    }

    /** Lower case, and an IPv6 literal without brackets, as {@link HttpUrl#host()} gives it. */
    private static String normalHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static String quote(String url) {
        return url == null ? "no URL" : "'" + url + "'";
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int int32(byte[] b, int i) {
        return (u16(b, i) << 16) | u16(b, i + 2);
    }

    private record V4Range(int base, int prefix, String why) {
        boolean contains(int ip) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return (ip & mask) == (base & mask);
        }
    }

    /** A host refused by the policy during resolution; an UnknownHostException so OkHttp's Dns may throw it. */
    static final class RefusedAddressException extends UnknownHostException {
        private final String why;

        RefusedAddressException(String host, String why) {
            super(host + " resolves to " + why);
            this.why = why;
        }

        String why() {
            return why;
        }
    }
}
