package org.opentalks.gateway.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.gateway.auth.Caller;
import org.opentalks.gateway.service.CreditLedger;
import org.opentalks.gateway.service.DomainException;

/**
 * D-ID's GET /credits, answered 200 for every key: the owner's one grant and what remains of it.
 * A metered owner's {@code total} is its configured quota and {@code remaining} the talks it may
 * still create. An unmetered owner (no quota configured) reports product {@value #UNMETERED} with
 * {@code total} and {@code remaining} both {@value #UNLIMITED} (the largest 32-bit integer, which
 * every client's integer type can hold), meaning no limit: nothing is deducted from it. Grants do not
 * expire: {@code expire_at} is {@value #NEVER}. Timestamps come from the stored grant and the
 * ledger's last movement.
 */
@Path("/credits")
@Produces(MediaType.APPLICATION_JSON)
public class CreditsResource {
    static final String METERED = "opentalks-quota";
    static final String UNMETERED = "opentalks-unmetered";
    static final long UNLIMITED = Integer.MAX_VALUE;
    static final String NEVER = "9999-12-31T23:59:59.999Z";

    @Inject
    Caller caller;

    @Inject
    CreditLedger ledger;

    /** One credit grant, in D-ID's shape and order. */
    @JsonPropertyOrder({"owner_id", "product_id", "remaining", "total", "valid_from", "expire_at", "created",
            "modified"})
    public record Credit(String ownerId, String productId, long remaining, long total, String validFrom,
                         String expireAt, String created, String modified) {
    }

    @JsonPropertyOrder({"credits", "remaining", "total"})
    public record Credits(List<Credit> credits, long remaining, long total) {
    }

    @GET
    public Credits get() {
        String owner = caller.owner();
        CreditLedger.Balance balance = ledger.balance(owner).orElseThrow(() -> DomainException.notFound("credits"));
        boolean metered = balance.grant().total() != null;
        long total = metered ? balance.grant().total() : UNLIMITED;
        long remaining = metered ? balance.remaining().getAsLong() : UNLIMITED;
        String created = TalkObject.timestamp(balance.grant().created());
        Credit credit = new Credit(owner, metered ? METERED : UNMETERED, remaining, total, created, NEVER, created,
                TalkObject.timestamp(balance.modified()));
        return new Credits(List.of(credit), remaining, total);
    }
}
