package dev.shop.orders.messaging;

import java.util.List;
import java.util.UUID;

/** The events of other services that move an order along, as order-service reads them (tolerant readers). */
public final class SagaEvents {

    public static final String STOCK_RESERVED = "shop.inventory.stock-reserved.v1";
    public static final String STOCK_REJECTED = "shop.inventory.stock-rejected.v1";
    public static final String PAYMENT_COMPLETED = "shop.payment.completed.v1";
    public static final String PAYMENT_FAILED = "shop.payment.failed.v1";
    public static final String PAYMENT_REFUNDED = "shop.payment.refunded.v1";

    private SagaEvents() {
    }

    public record StockReserved(UUID orderId) {
    }

    public record StockRejected(UUID orderId, List<UUID> productIds) {
    }

    public record PaymentCompleted(UUID orderId, UUID paymentId, long amountCents, String chargeId) {
    }

    public record PaymentFailed(UUID orderId, UUID paymentId, String reason) {
    }

    public record PaymentRefunded(UUID orderId, UUID paymentId, long amountCents) {
    }
}
