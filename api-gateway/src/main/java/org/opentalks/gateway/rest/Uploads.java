package org.opentalks.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.store.ObjectStore;

/** The owner's uploaded images and audios under {@code uploads/{owner}/{id}/}. */
@ApplicationScoped
public class Uploads {
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

    /** Deletes the upload; false when the owner has none by that id. */
    public boolean delete(String owner, String id) {
        List<String> keys = store.list(ObjectKeys.upload(owner, id, ""));
        keys.forEach(store::delete);
        return !keys.isEmpty();
    }
}
