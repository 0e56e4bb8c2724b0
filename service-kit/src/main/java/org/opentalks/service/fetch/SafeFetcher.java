package org.opentalks.service.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.opentalks.contract.UploadUrls;
import org.opentalks.service.fetch.AddressPolicy.RefusedAddressException;
import org.opentalks.service.fetch.FetchException.Reason;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreException;

/**
 * Fetches a talk's remote media (source image, audio, logo) without letting a URL reach inside the
 * network: https, plain http only to allow-listed hosts, and {@code s3://bucket/uploads/<owner>/…}
 * for the caller's own uploads. Every http hop is checked by {@link AddressPolicy} before it is
 * requested; host names are resolved once by a validating {@code Dns} and OkHttp connects to exactly
 * the addresses validated (no second lookup for an attacker's DNS to rebind). Redirects are followed
 * by hand, at most {@link FetchSettings#maxRedirects()}, each target checked again. The body is read
 * up to the kind's byte cap (a larger Content-Length is refused before reading), its type is sniffed
 * from its bytes, and an image's header must declare no more pixels than allowed before anyone
 * decodes it.
 *
 * <p>Reads only: it never writes to the object store. Thread-safe; one per service.
 */
public final class SafeFetcher implements AutoCloseable {
    private static final String USER_AGENT = "OpenTalks-Fetch/1";

    private final FetchSettings settings;
    private final AddressPolicy policy;
    private final ObjectStore store;
    /** Public addresses only. */
    private final OkHttpClient publicOnly;
    /** For plain http to allow-listed hosts, which may be loopback or private. */
    private final OkHttpClient allowListed;

    /**
     * @param store where {@code s3://} URLs are read; null refuses them
     */
    public SafeFetcher(FetchSettings settings, ObjectStore store) {
        this.settings = settings;
        this.policy = AddressPolicy.of(settings);
        this.store = store;
        OkHttpClient base = new OkHttpClient.Builder()
                // A proxy would resolve the host itself, past the validating Dns.
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .build();
        this.publicOnly = base.newBuilder().dns(host -> policy.resolve(host, false)).build();
        this.allowListed = base.newBuilder().dns(host -> policy.resolve(host, true)).build();
    }

    public FetchSettings settings() {
        return settings;
    }

    /** The rules every hop is checked against; also for vetting a webhook URL when it is submitted. */
    public AddressPolicy policy() {
        return policy;
    }

    /** Fetches {@code url} for {@code owner} with the byte cap {@link FetchSettings#maxBytes(FetchKind)}. */
    public Fetched fetch(String url, String owner, FetchKind kind) {
        return fetch(url, owner, kind, settings.maxBytes(kind));
    }

    /**
     * Fetches {@code url} for {@code owner}, at most {@code maxBytes}, and checks it is one of the kind's
     * media types.
     *
     * @throws FetchException with the reason and a sentence the client can act on
     */
    public Fetched fetch(String url, String owner, FetchKind kind, long maxBytes) {
        String scheme = schemeOf(url);
        byte[] bytes = scheme.equals("s3") ? fromStore(url, owner, kind, maxBytes) : overHttp(url, kind, maxBytes);
        return vetted(bytes, kind, url);
    }

    /**
     * A client for one request to {@code url} (e.g. POSTing a webhook): the URL is checked first, and the
     * client's Dns refuses any address the policy refuses. It follows no redirects; a caller that wants
     * to follow one must pass the target through this method again.
     *
     * @throws FetchException when {@code url} itself is refused
     */
    public OkHttpClient clientFor(HttpUrl url) {
        return clientFor(url, true);
    }

    private OkHttpClient clientFor(HttpUrl url, boolean privateAllowed) {
        policy.checkUrl(url, privateAllowed);
        return privateAllowed && policy.mayReachPrivate(url) ? allowListed : publicOnly;
    }

    private byte[] overHttp(String url, FetchKind kind, long maxBytes) {
        HttpUrl current = policy.checkUrl(url);
        // Only a chain that starts at an allow-listed http host may go on to loopback or private
        // addresses: a public URL must not redirect into the local network.
        boolean local = policy.mayReachPrivate(current);
        for (int redirects = 0; ; redirects++) {
            Request request = new Request.Builder().url(current)
                    .header("User-Agent", USER_AGENT)
                    // Media is compressed already; identity also keeps the byte cap on what travels.
                    .header("Accept-Encoding", "identity")
                    .build();
            try (Response response = clientFor(current, local).newCall(request).execute()) {
                if (response.isRedirect()) {
                    if (redirects >= settings.maxRedirects()) {
                        throw new FetchException(Reason.TOO_MANY_REDIRECTS, "The " + kind.noun() + " URL " + url
                                + " redirected more than " + settings.maxRedirects()
                                + " times; link to the file itself.");
                    }
                    current = redirectTarget(response, current, local, kind, url);
                    continue;
                }
                int code = response.code();
                if (code == 404 || code == 410) {
                    throw new FetchException(Reason.NOT_FOUND, "The " + kind.noun() + " at " + url
                            + " was not found (HTTP " + code + ").");
                }
                if (code != 200) {
                    throw new FetchException(Reason.HTTP_STATUS, "Fetching the " + kind.noun() + " at " + url
                            + " answered HTTP " + code + "; it must answer 200 with the file.");
                }
                return capped(response.body(), kind, url, maxBytes);
            } catch (IOException e) {
                throw failure(e, kind, url, redirects > 0);
            }
        }
    }

    /** The checked target of a redirect; the message never names it, as the client did not send it. */
    private HttpUrl redirectTarget(Response response, HttpUrl current, boolean local, FetchKind kind, String url) {
        String location = response.header("Location");
        HttpUrl next = location == null ? null : current.resolve(location);
        if (next == null && location != null && location.matches("(?s)\\s*[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            throw new FetchException(Reason.SCHEME_NOT_ALLOWED, "The " + kind.noun() + " URL " + url
                    + " redirected to a URL that is not https; link to a public https URL of the file itself.");
        }
        if (next == null) {
            throw new FetchException(Reason.HTTP_STATUS, "The " + kind.noun() + " URL " + url
                    + " answered a redirect without a valid location.");
        }
        try {
            policy.checkUrl(next, local);
            return next;
        } catch (FetchException e) {
            String where = switch (e.reason()) {
                case ADDRESS_REFUSED -> "an address that may not be fetched";
                case SCHEME_NOT_ALLOWED -> "a URL that is not https";
                default -> "an invalid location";
            };
            // The cause names the target, for the logs only.
            throw new FetchException(e.reason(), "The " + kind.noun() + " URL " + url + " redirected to " + where
                    + "; link to a public https URL of the file itself.", e);
        }
    }

    private static byte[] capped(ResponseBody body, FetchKind kind, String url, long maxBytes) throws IOException {
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(kind, url, maxBytes);
        }
        try (InputStream in = body.byteStream()) {
            // Reads at most one byte past the cap, so a body without (or lying about) its length stops there.
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw tooLarge(kind, url, maxBytes);
            }
            return bytes;
        }
    }

    private FetchException failure(IOException e, FetchKind kind, String url, boolean redirected) {
        Optional<RefusedAddressException> refused = find(e, RefusedAddressException.class);
        if (refused.isPresent()) {
            String message = redirected
                    ? "The " + kind.noun() + " URL " + url + " redirected to a host that resolves to "
                            + refused.get().why() + "; link to a public https URL of the file itself."
                    : "The host of the " + kind.noun() + " URL " + url + " resolves to " + refused.get().why()
                            + ", which may not be fetched; use a public https URL.";
            return new FetchException(Reason.ADDRESS_REFUSED, message, e);
        }
        String what = "Fetching the " + kind.noun() + " at " + url;
        if (Thread.currentThread().isInterrupted()) {
            return new FetchException(Reason.IO, what + " was interrupted; try again.", e);
        }
        if (e instanceof InterruptedIOException || find(e, SocketTimeoutException.class).isPresent()) {
            return new FetchException(Reason.TIMEOUT, what + " timed out; use a faster server or a smaller file.", e);
        }
        // Causes stay attached for the logs; their messages may name resolved addresses, so are not shown.
        String why = find(e, UnknownHostException.class).isPresent() ? "its host could not be found"
                : find(e, SSLException.class).isPresent() ? "no trusted https connection could be made"
                : find(e, ConnectException.class).isPresent() ? "the server could not be reached"
                : "the download failed";
        return new FetchException(Reason.IO, what + " failed: " + why + ".", e);
    }

    private byte[] fromStore(String url, String owner, FetchKind kind, long maxBytes) {
        if (store == null) {
            throw new FetchException(Reason.SCHEME_NOT_ALLOWED, "s3 URLs are not accepted here; use an https URL.");
        }
        // Another owner's upload is indistinguishable from a missing one.
        FetchException notFound = new FetchException(Reason.NOT_FOUND, "The " + kind.noun() + " " + url
                + " was not found; upload it first, or check the URL.");
        String key = UploadUrls.ownKey(url.strip(), store.bucket(), owner).orElseThrow(() -> notFound);
        byte[] bytes;
        try {
            bytes = store.find(key).orElseThrow(() -> notFound);
        } catch (StoreException e) {
            throw new FetchException(Reason.IO, "The " + kind.noun() + " " + url
                    + " could not be read from the store; try again later.", e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(kind, url, maxBytes);
        }
        return bytes;
    }

    /** The bytes as one of the kind's media types; an image only when its header's size is within limits. */
    private Fetched vetted(byte[] bytes, FetchKind kind, String url) {
        Optional<MediaFormat> sniffed = MediaFormat.sniff(bytes);
        if (sniffed.isEmpty() || !kind.accepts(sniffed.get())) {
            String actual = bytes.length == 0 ? "it is empty"
                    : sniffed.map(f -> "it is " + f.label()).orElse("it is something else, such as a web page");
            throw new FetchException(Reason.WRONG_TYPE, "The " + kind.noun() + " at " + url + " is not "
                    + kind.acceptedNames() + " (" + actual + "); use a " + kind.acceptedNames() + " file.");
        }
        MediaFormat format = sniffed.get();
        if (format == MediaFormat.PNG || format == MediaFormat.JPEG) {
            ImageLimits limits = ImageLimits.of(settings);
            limits.refusal(bytes, format).ifPresent(why -> {
                throw new FetchException(limits.tooLarge(bytes, format) ? Reason.TOO_MANY_PIXELS : Reason.WRONG_TYPE,
                        "The " + kind.noun() + " at " + url + " " + why + ".");
            });
        }
        return new Fetched(bytes, format);
    }

    private static FetchException tooLarge(FetchKind kind, String url, long maxBytes) {
        return new FetchException(Reason.TOO_LARGE, "The " + kind.noun() + " at " + url + " is larger than "
                + maxBytes + " bytes; use a smaller file.");
    }

    private static String schemeOf(String url) {
        if (url == null) {
            throw new FetchException(Reason.INVALID_URL, "No URL was given.");
        }
        String s = url.strip();
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("s3") && !scheme.equals("https") && !scheme.equals("http")) {
            throw new FetchException(Reason.SCHEME_NOT_ALLOWED,
                    "Only https URLs and s3 URLs of your own uploads are accepted, not '" + url + "'.");
        }
        return scheme;
    }

    /** {@code type} in the cause chain or among the suppressed exceptions (OkHttp's other routes). */
    private static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
        return find(t, type, 0);
    }

    private static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type, int depth) {
        if (t == null || depth > 8) {
            return Optional.empty();
        }
        if (type.isInstance(t)) {
            return Optional.of(type.cast(t));
        }
        for (Throwable suppressed : t.getSuppressed()) {
            Optional<T> found = find(suppressed, type, depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return find(t.getCause(), type, depth + 1);
    }

    /** Stops the clients' threads and closes idle connections. */
    @Override
    public void close() {
        publicOnly.dispatcher().executorService().shutdown();
        publicOnly.connectionPool().evictAll();
    }
}
