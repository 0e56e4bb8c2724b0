package org.opentalks.gateway.rest;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.service.TalkRequestParser;
import org.opentalks.gateway.service.TalkService;
import org.opentalks.service.fetch.FetchConfig;

/** D-ID's /talks resource. */
@Path("/talks")
@Produces(MediaType.APPLICATION_JSON)
public class TalksResource {
    @Inject
    Caller caller;

    @Inject
    TalkService talks;

    @Inject
    FetchConfig fetch;

    /** The create response: D-ID's CreateTalkResponse. */
    public record Created(String id, String object, String createdBy, String createdAt, String status) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(byte[] body) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "ValidationError", "validation failed",
                    Map.of("body", Map.of("message", "the request body is not valid JSON")));
        }
        TalkRecord record = talks.create(caller.owner(),
                new TalkRequestParser(fetch.allowHttpHosts().orElse(List.of())).parse(json));
        return Response.status(201).entity(new Created(record.id(), "talk", record.owner(),
                TalkObject.timestamp(record.createdAt()), record.status().wire())).build();
    }

    @GET
    @Path("/{id}")
    public TalkObject get(@PathParam("id") String id) {
        return talks.get(caller.owner(), id);
    }
}
