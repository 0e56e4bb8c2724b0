package org.opentalks.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.store.ObjectStore;

/** The owner's uploaded images and audios under {@code uploads/{owner}/{id}/}. */
@ApplicationScoped
public class Uploads {
    private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern EXTENDED_FILENAME = Pattern.compile("(?i)\\bfilename\\*\\s*=\\s*[^']*'[^']*'([^;\\s]+)");
    private final ObjectStore store;

    Uploads(ObjectStore store) {
        this.store = store;
    }

    /**
     * D-ID's rule for an upload's file name: at most 50 characters of [A-Za-z0-9._-], keeping the
     * client's name without its extension, and the extension of what is stored.
     */
    static String fileName(String offered, String fallback, String extension) {
        String base = offered == null ? "" : offered.replaceAll("\\.[A-Za-z0-9]+$", "")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty()) {
            base = fallback;
        }
        return (base.length() > 46 ? base.substring(0, 46) : base) + extension;
    }

    /**
     * The file name a raw upload offers in {@code Content-Disposition} ({@code filename="x.png"}, or RFC
     * 6266's {@code filename*=UTF-8''x.png}); null when it offers none. {@link #fileName} sanitises it.
     */
    static String dispositionFileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        Matcher extended = EXTENDED_FILENAME.matcher(disposition);
        if (extended.find()) {
            return URLDecoder.decode(extended.group(1), StandardCharsets.UTF_8);
        }
        Matcher plain = FILENAME.matcher(disposition);
        return plain.find() ? (plain.group(1) != null ? plain.group(1) : plain.group(2)) : null;
    }

    /** Deletes the upload; false when the owner has none by that id. */
    public boolean delete(String owner, String id) {
        List<String> keys = store.list(ObjectKeys.upload(owner, id, ""));
        keys.forEach(store::delete);
        return !keys.isEmpty();
    }
}
