package dev.shop.orders.domain;

/** PENDING -> STOCK_RESERVED -> CONFIRMED, or -> CANCELLED with a {@link CancelReason} (docs/design.md section 5). */
public enum OrderStatus {
    PENDING,
    STOCK_RESERVED,
    CONFIRMED,
    CANCELLED;

    /** Whether the saga is still running: the order may still be confirmed or cancelled. */
    public boolean isOpen() {
        return this == PENDING || this == STOCK_RESERVED;
    }
}
