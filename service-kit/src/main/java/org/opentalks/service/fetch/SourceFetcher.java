package org.opentalks.service.fetch;

import jakarta.enterprise.context.ApplicationScoped;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageFailure;

/**
 * A talk's source image through {@link SafeFetcher} ({@link FetchKind#IMAGE}), failing as the stage
 * failure {@link ErrorKind#SourceError}. New callers use {@link SafeFetcher} directly.
 */
@ApplicationScoped
public class SourceFetcher {
    private final SafeFetcher fetcher;

    SourceFetcher(SafeFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * The source image's bytes (JPEG or PNG, sniffed; within the pixel limits).
     *
     * @throws StageFailure with {@link ErrorKind#SourceError} and a sentence the client can act on
     */
    public byte[] fetch(String url, String owner, long maxBytes) {
        try {
            return fetcher.fetch(url, owner, FetchKind.IMAGE, maxBytes).bytes();
        } catch (FetchException e) {
            throw e.toStageFailure(ErrorKind.SourceError);
        }
    }
}
