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

    /** Deletes the upload; false when the owner has none by that id. */
    public boolean delete(String owner, String id) {
        List<String> keys = store.list(ObjectKeys.upload(owner, id, ""));
        keys.forEach(store::delete);
        return !keys.isEmpty();
    }
}
