package org.opentalks.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.opentalks.gateway.service.VoiceDirectory;

/**
 * D-ID's GET /tts/voices: the voices this installation really has, in D-ID's voice shape. Their
 * provider is {@code espeak-ng}; a talk may name one by provider {@code espeak-ng} and its id, while
 * D-ID provider voices (e.g. microsoft {@code en-US-JennyNeural}) are spoken by the closest of these.
 */
@Path("/tts/voices")
@Produces(MediaType.APPLICATION_JSON)
public class VoicesResource {
    @Inject
    VoiceDirectory voices;

    @GET
    public List<VoiceDirectory.ApiVoice> list(@QueryParam("provider") String provider, @QueryParam("id") String id) {
        return voices.all().stream()
                .filter(v -> provider == null || provider.isBlank() || v.provider().equalsIgnoreCase(provider))
                .filter(v -> id == null || id.isBlank() || v.id().equalsIgnoreCase(id.toLowerCase(Locale.ROOT)))
                .toList();
    }
}
