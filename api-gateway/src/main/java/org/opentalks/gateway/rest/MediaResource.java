package org.opentalks.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.store.ObjectStore;

/**
 * {@code GET /media/{key}?expires=…&signature=…}: the signed links of talk objects (result_url,
 * audio_url, source_url). No API key: the signature is the proof, as with D-ID's presigned URLs.
 * Only media prefixes are served, never records.
 */
@Path("/media")
public class MediaResource {
    private static final Map<String, String> TYPES = Map.of("mp4", "video/mp4", "mov", "video/quicktime",
            "gif", "image/gif", "wav", "audio/wav", "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "vtt", "text/vtt; charset=utf-8", "srt", "application/x-subrip; charset=utf-8");

    @Inject
    MediaUrls media;

    @Inject
    ObjectStore store;

    @GET
    @Path("/{key: .+}")
    public Response get(@PathParam("key") String key, @QueryParam("expires") String expires,
                        @QueryParam("signature") String signature) {
        if (!ObjectKeys.isMedia(key) || !media.verify(key, expires, signature, Instant.now())) {
            throw new DomainException(ErrorKind.PermissionError, "the link is invalid or has expired");
        }
        byte[] bytes = store.find(key).orElseThrow(() -> DomainException.notFound("media"));
        String extension = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return Response.ok(bytes, TYPES.getOrDefault(extension, "application/octet-stream"))
                .header("Cache-Control", "private, max-age=3600").build();
    }
}
