package org.opentalks.contract.document;

import java.time.Instant;

/**
 * {@code ledger/{owner}.json}: an owner's credit grant as GET /credits reports it. The gateway writes
 * it when it first sees the owner's account and again when the configured quota changes; the credits
 * used are counted from the talk records, not stored here.
 *
 * @param total    the configured quota in talks, or null for an unmetered account
 * @param created  when this grant was first recorded
 * @param modified when the quota last changed
 */
public record CreditGrant(String owner, Long total, Instant created, Instant modified) {
}
