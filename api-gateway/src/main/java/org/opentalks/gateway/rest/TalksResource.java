package org.opentalks.gateway.rest;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.api.TalkObjects;
import org.opentalks.contract.api.TalkWebhooks;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.document.WebhookLog;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.request.RequestReader;
import org.opentalks.gateway.request.TalkRequest;
import org.opentalks.gateway.request.TalkRequestValidator;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.gateway.service.IdempotencyKeys;
import org.opentalks.gateway.service.TalkService;
import org.opentalks.speech.cloud.ClientKeys;
import org.opentalks.store.ObjectStore;

/** D-ID's /talks resource. */
@Path("/talks")
@Produces(MediaType.APPLICATION_JSON)
public class TalksResource {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    /** Names the request fields that were ignored (unknown to D-ID's request), so a typo can be seen. */
    public static final String IGNORED_FIELDS = "OpenTalks-Ignored-Fields";

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
    RequestReader reader;

    @Inject
    TalkRequestValidator validator;

    /** The create response: D-ID's CreateTalkResponse. */
    public record Created(String id, String object, String createdBy, String createdAt, String status) {
    }

    /** GET /talks: a page of talks and the token of the next one. */
    public record TalkList(List<TalkObject> talks, String token) {
    }

    /**
     * Runs on the event loop: nothing here blocks unless an idempotency key must be looked up. Fields
     * no request type has are ignored, as D-ID ignores them, and named in {@value #IGNORED_FIELDS}.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(byte[] body, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @HeaderParam(ClientKeys.HEADER) String clientKeys) {
        if (body != null && body.length > config.maxJsonBytes()) {
            throw new DomainException(ErrorKind.PayloadTooLargeError,
                    "the request body is larger than " + config.maxJsonBytes() + " bytes");
        }
        RequestReader.Read<TalkRequest> request = reader.read(body, TalkRequest.class);
        String owner = caller.owner();
        TalkSpec spec = validator.validate(request.value(), owner);
        checkFeatures(spec);
        String keys = clientKeys(clientKeys);
        List<String> ignored = request.ignoredFields();
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return talks.create(owner, spec, keys).map(record -> created(record, false, ignored));
        }
        if (idempotencyKey.length() > 255) {
            throw DomainException.validation("header.Idempotency-Key", "must be at most 255 characters");
        }
        return blocking(() -> {
            IdempotencyKeys.Replay replay = idempotency.claim(owner, idempotencyKey, () -> {
                TalkRecord record = talks.create(owner, spec, keys).await().indefinitely();
                return new IdempotencyKeys.Claim(record.id(), record.createdAt());
            });
            return created(talks.get(owner, replay.claim().talkId()), replay.replayed(), ignored);
        });
    }

    /**
     * D-ID's {@code x-api-key-external} (e.g. {@code {"elevenlabs": "<key>"}}): the client's own provider keys,
     * checked here so a malformed one is a 400 now, then passed on sealed. Never logged, never stored.
     */
    private static String clientKeys(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            ClientKeys.parse(header);
        } catch (IllegalArgumentException e) {
            throw DomainException.validation("header." + ClientKeys.HEADER, e.getMessage());
        }
        return header;
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

    private static Response created(TalkRecord record, boolean replayed, List<String> ignored) {
        Response.ResponseBuilder response = Response.status(201).entity(new Created(record.id(), "talk",
                record.owner(), TalkObject.timestamp(record.createdAt()), "created"));
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        if (!ignored.isEmpty()) {
            response.header(IGNORED_FIELDS, String.join(", ", ignored));
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
                throw DomainException.validation("query.limit", "must be an integer from 1 to " + MAX_PAGE);
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
                throw DomainException.notFound("talk");
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

    /**
     * Beyond D-ID: the talk's webhook deliveries as the notifier logged them (attempts, status codes,
     * times, the next attempt while one is due).
     */
    @GET
    @Path("/{id}/webhooks")
    public TalkWebhooks webhooks(@PathParam("id") String id) {
        TalkRecord talk = talks.get(caller.owner(), id);
        WebhookLog log = store.find(ObjectKeys.webhookLog(talk.owner(), talk.id()))
                .map(bytes -> Json.read(bytes, WebhookLog.class)).orElse(null);
        return TalkWebhooks.of(talk, log);
    }

    private TalkObject render(TalkRecord record) {
        return TalkObjects.render(record, media, store.bucket());
    }
}
