package dev.shop.psp.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of the {@link Journal}: an effect together with the idempotency key that caused it, written
 * in one line so the effect and its key record can never be found apart after a crash.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalEntry.ChargeRecorded.class, name = "charge-recorded.v1"),
        @JsonSubTypes.Type(value = JournalEntry.RefundRecorded.class, name = "refund-recorded.v1"),
        @JsonSubTypes.Type(value = JournalEntry.CancellationRecorded.class, name = "cancellation-recorded.v1")
})
public sealed interface JournalEntry {

    /** A charge was attempted: succeeded (money captured) or failed (a decline). */
    record ChargeRecorded(String idempotencyKey, String fingerprint, Charge charge) implements JournalEntry {
    }

    /** Part or all of a succeeded charge was given back. */
    record RefundRecorded(String idempotencyKey, String fingerprint, Refund refund) implements JournalEntry {
    }

    /**
     * A charge was cancelled by its idempotency key: its key voided (no charge yet), or the charge refunded
     * ({@code refund}, else {@code null}), or nothing to do (a decline).
     */
    record CancellationRecorded(String idempotencyKey, String fingerprint, Cancellation cancellation, Refund refund)
            implements JournalEntry {
    }
}
