package dev.shop.payments.domain;

/**
 * AWAITING (order known or stock reserved, not both) -> PENDING (charge due) -> CAPTURED | DECLINED;
 * CAPTURED -> REFUND_PENDING -> REFUNDED when the order is cancelled after all.
 * Cancelled while AWAITING, or PENDING before any charge was sent: CANCELLED. Cancelled while PENDING after a charge
 * was sent (its outcome maybe unknown): the charge is cancelled at the PSP by its idempotency key, then CANCELLED (it
 * was never made, or declined: no money moved) or REFUNDED (it had succeeded: refunded in the same step).
 *
 * <p>A charge the PSP answered outside its contract (ADR 0015: a 400, an approval without a charge id ...) has an
 * unknown outcome too: the order fails at once ({@code PSP_UNEXPECTED_ANSWER}) and the charge is cancelled at the PSP
 * by its key as above. {@link #NEEDS_REVIEW} is where a payment ends when the PSP keeps answering its calls (charge,
 * cancellation, refund) unexpectedly: after {@code shop.payments.max-unexpected-answers} such answers it is no longer
 * called, and whether money is held for it at the PSP must be checked by hand.
 */
public enum PaymentStatus {
    AWAITING,
    PENDING,
    CAPTURED,
    DECLINED,
    REFUND_PENDING,
    REFUNDED,
    CANCELLED,
    /**
     * Terminal: the PSP answered this payment's calls unexpectedly too often; never called again (not due). The
     * order was cancelled or is cancelled by its deadline; money may still be held at the PSP: check by hand.
     */
    NEEDS_REVIEW;

    /** Whether PaymentProcessor has to call the PSP for it. */
    public boolean isDue() {
        return this == PENDING || this == REFUND_PENDING;
    }
}
