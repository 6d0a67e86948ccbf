package dev.shop.orders.domain;

/** Why an order was cancelled; the public {@code cancelReason} of an order. */
public enum CancelReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    CUSTOMER_CANCELLED,
    TIMEOUT
}
