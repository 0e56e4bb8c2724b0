package org.opentalks.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Map;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.api.TalkObjects;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.service.IdempotencyKeys;
import org.opentalks.gateway.service.TalkRequestParser;
import org.opentalks.gateway.service.TalkService;
import org.opentalks.service.fetch.FetchConfig;

/** D-ID's /talks resource. */
@Path("/talks")
@Produces(MediaType.APPLICATION_JSON)
public class TalksResource {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    @Inject
    Caller caller;

    @Inject
    TalkService talks;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    MediaUrls media;

    @Inject
    ObjectStore store;

    @Inject
    ApiConfig config;

    @Inject
    FetchConfig fetch;

    /** The create response: D-ID's CreateTalkResponse. */
    public record Created(String id, String object, String createdBy, String createdAt, String status) {
    }

    /** GET /talks: a page of talks and the token of the next one. */
    public record TalkList(List<TalkObject> talks, String token) {
    }

    /** Runs on the event loop: nothing here blocks unless an idempotency key must be looked up. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(byte[] body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (body != null && body.length > config.maxJsonBytes()) {
            throw new ApiException(413, "PayloadTooLargeError",
                    "the request body is larger than " + config.maxJsonBytes() + " bytes");
        }
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "ValidationError", "validation failed",
                    Map.of("body", Map.of("message", "the request body is not valid JSON")));
        }
        String owner = caller.owner();
        TalkSpec spec = new TalkRequestParser(fetch.allowHttpHosts().orElse(List.of()), store.bucket(), owner)
                .parse(json);
        checkFeatures(spec);
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return talks.create(owner, spec).map(record -> created(record, false));
        }
        if (idempotencyKey.length() > 255) {
            throw ApiException.validation("header.Idempotency-Key", "must be at most 255 characters");
        }
        return blocking(() -> {
            IdempotencyKeys.Replay replay = idempotency.claim(owner, idempotencyKey, () -> {
                TalkRecord record = talks.create(owner, spec).await().indefinitely();
                return new IdempotencyKeys.Claim(record.id(), record.createdAt());
            });
            return created(talks.get(owner, replay.claim().talkId()), replay.replayed());
        });
    }

    /** Work that reads the store, moved off the event loop. */
    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void checkFeatures(TalkSpec spec) {
        if (spec.config().stitch()) {
            caller.requireFeature("stitch");
        }
        if (spec.script().subtitles()) {
            caller.requireFeature("subtitles");
        }
        if (spec.config().logo() != null && !spec.config().logo().disabled()) {
            caller.requireFeature("logo");
        }
        if (spec.persist()) {
            caller.requireFeature("persist");
        }
    }

    private static Response created(TalkRecord record, boolean replayed) {
        Response.ResponseBuilder response = Response.status(201).entity(new Created(record.id(), "talk",
                record.owner(), TalkObject.timestamp(record.createdAt()), "created"));
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    public TalkList list(@QueryParam("limit") String limit, @QueryParam("token") String token) {
        int size = DEFAULT_PAGE;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE) {
                throw ApiException.validation("query.limit", "must be an integer from 1 to " + MAX_PAGE);
            }
        }
        TalkService.Page page = talks.list(caller.owner(), size, token == null || token.isEmpty() ? null : token);
        return new TalkList(page.talks().stream().map(this::render).toList(), page.token());
    }

    /** Answered from memory on the event loop when the record is cached, from the store otherwise. */
    @GET
    @Path("/{id}")
    public Uni<TalkObject> get(@PathParam("id") String id) {
        String owner = caller.owner();
        Optional<TalkRecord> cached = talks.cached(id);
        if (cached.isPresent()) {
            if (!cached.get().owner().equals(owner)) {
                throw ApiException.notFound("talk");
            }
            return Uni.createFrom().item(render(cached.get()));
        }
        return blocking(() -> render(talks.get(owner, id)));
    }

    @DELETE
    @Path("/{id}")
    public TalkObject delete(@PathParam("id") String id) {
        return render(talks.delete(caller.owner(), id));
    }

    private TalkObject render(TalkRecord record) {
        return TalkObjects.render(record, media, store.bucket());
    }
}
