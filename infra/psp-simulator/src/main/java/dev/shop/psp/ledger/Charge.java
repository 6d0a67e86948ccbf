package dev.shop.psp.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A charge as the processor reports it, shaped after Stripe's charge object (money in minor units).
 * Immutable: a refund produces a new snapshot, so an idempotent replay still shows the original answer.
 *
 * @param failureCode {@code null} when succeeded, else the problem code of the decline, e.g. {@code CARD_DECLINED}
 * @param declineCode {@code null} when succeeded, else the issuer's reason, e.g. {@code generic_decline}
 */
public record Charge(
        String id,
        Status status,
        long amountCents,
        String currency,
        String paymentMethod,
        String reference,
        long amountRefundedCents,
        String failureCode,
        String declineCode,
        Instant createdAt) {

    public enum Status {
        @JsonProperty("succeeded") SUCCEEDED,
        @JsonProperty("failed") FAILED
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** What is left to refund; zero for a decline. */
    public long refundableCents() {
        return succeeded() ? amountCents - amountRefundedCents : 0;
    }

    Charge withRefunded(long cents) {
        return new Charge(id, status, amountCents, currency, paymentMethod, reference,
                amountRefundedCents + cents, failureCode, declineCode, createdAt);
    }
}
