package dev.shop.payments.domain;

/**
 * AWAITING (order known or stock reserved, not both) -> PENDING (charge due) -> CAPTURED | DECLINED;
 * CAPTURED -> REFUND_PENDING -> REFUNDED when the order is cancelled after all; CANCELLED when it is cancelled
 * before any money moved.
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
