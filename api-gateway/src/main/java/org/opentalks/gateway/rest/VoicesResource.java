package org.opentalks.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.opentalks.gateway.service.VoiceDirectory;

/**
 * D-ID's GET /tts/voices, filterable by {@code provider} and by {@code id} (an id or a name, ignoring
 * case): the installed espeak-ng voices, and the Microsoft voices D-ID clients name, each saying
 * which local voice speaks it (see {@link VoiceDirectory}).
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
                .filter(v -> id == null || id.isBlank() || v.id().equalsIgnoreCase(id.trim())
                        || v.name().equalsIgnoreCase(id.trim()))
                .toList();
    }
}
