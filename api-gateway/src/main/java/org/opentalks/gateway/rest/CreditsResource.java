package org.opentalks.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.service.CreditLedger;

/** D-ID's GET /credits: the key's quota from configuration; a key without one has no credits record. */
@Path("/credits")
@Produces(MediaType.APPLICATION_JSON)
public class CreditsResource {
    @Inject
    Caller caller;

    @Inject
    CreditLedger ledger;

    /** One credit grant, in D-ID's shape. */
    public record Credit(String ownerId, String createdAt, String modifiedAt, long remaining, long total) {
    }

    public record Credits(List<Credit> credits, long remaining, long total) {
    }

    @GET
    public Credits get() {
        String owner = caller.owner();
        long total = ledger.total(owner).orElseThrow(() ->
                new ApiException(404, "NotFoundError", "no credits found for user: this key is not metered"));
        long remaining = Math.max(0, total - ledger.used(owner));
        String since = TalkObject.timestamp(ledger.since());
        return new Credits(List.of(new Credit(owner, since, TalkObject.timestamp(Instant.now()), remaining, total)),
                remaining, total);
    }
}
