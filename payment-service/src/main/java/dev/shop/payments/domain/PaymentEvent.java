package dev.shop.payments.domain;

import java.util.UUID;

/** What happened to a payment; published to {@code payments.events} through the outbox (key = order id). */
public sealed interface PaymentEvent {

    UUID orderId();

    /** {@code shop.payment.completed.v1}: the money is captured; the order is confirmed. */
    record PaymentCompleted(UUID orderId, UUID paymentId, long amountCents, String currency, String chargeId)
            implements PaymentEvent {
    }

    /** {@code shop.payment.failed.v1}: the card said no; the order is cancelled (PAYMENT_DECLINED). */
    record PaymentFailed(UUID orderId, UUID paymentId, String reason) implements PaymentEvent {
    }

    /** {@code shop.payment.refunded.v1}: the money went back after the order was cancelled. */
    record PaymentRefunded(UUID orderId, UUID paymentId, long amountCents, String chargeId) implements PaymentEvent {
    }
}
