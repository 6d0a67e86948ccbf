package dev.shop.payments.domain;

/**
 * AWAITING (order known or stock reserved, not both) -> PENDING (charge due) -> CAPTURED | DECLINED;
 * CAPTURED -> REFUND_PENDING -> REFUNDED when the order is cancelled after all.
 * Cancelled while AWAITING, or PENDING before any charge was sent: CANCELLED. Cancelled while PENDING after a charge
 * was sent (its outcome maybe unknown): the charge is cancelled at the PSP by its idempotency key, then CANCELLED (it
 * was never made, or declined: no money moved) or REFUNDED (it had succeeded: refunded in the same step).
 */
public enum PaymentStatus {
    AWAITING,
    PENDING,
    CAPTURED,
    DECLINED,
    REFUND_PENDING,
    REFUNDED,
    CANCELLED;

    /** Whether PaymentProcessor has to call the PSP for it. */
    public boolean isDue() {
        return this == PENDING || this == REFUND_PENDING;
    }
}
