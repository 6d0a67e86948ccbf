package dev.shop.psp.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * The answer to a cancellation by idempotency key (after Adyen's "technical cancel" by merchant reference):
 * what became of the charge made, or not yet made, under {@code chargeIdempotencyKey}.
 *
 * @param charge the charge found under the key; {@code null} when the key was voided
 * @param refund the refund this cancellation made; {@code null} unless refunded, and also when the charge had
 *               already been refunded in full before
 * @param amountRefundedCents what that refund gave back; 0 without one
 */
public record Cancellation(
        String id,
        String chargeIdempotencyKey,
        Status status,
        String charge,
        String refund,
        long amountRefundedCents,
        Instant createdAt) {

    public enum Status {
        /** No charge had been made with the key, and none will be: a later charge with it is refused. */
        @JsonProperty("voided") VOIDED,
        /** The charge had succeeded: it is refunded in full. */
        @JsonProperty("refunded") REFUNDED,
        /** The charge had been declined: no money moved, nothing to give back. */
        @JsonProperty("nothing_to_cancel") NOTHING_TO_CANCEL
    }

    /**
     * @param charge the charge made with the key, or {@code null} when none was (the key is voided)
     * @param refund what the cancellation gave back of it, or {@code null}
     */
    static Cancellation of(String id, String chargeIdempotencyKey, Charge charge, Refund refund) {
        Status status = charge == null ? Status.VOIDED
                : charge.succeeded() ? Status.REFUNDED
                : Status.NOTHING_TO_CANCEL;
        return new Cancellation(id, chargeIdempotencyKey, status, charge == null ? null : charge.id(),
                refund == null ? null : refund.id(), refund == null ? 0 : refund.amountCents(), Instant.now());
    }

    public boolean voided() {
        return status == Status.VOIDED;
    }
}
