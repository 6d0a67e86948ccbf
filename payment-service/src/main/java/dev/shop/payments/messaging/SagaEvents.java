package dev.shop.payments.messaging;

import java.util.UUID;

/** The events of other services payment-service reacts to, as it reads them (tolerant readers). */
public final class SagaEvents {

    public static final String ORDER_CREATED = "shop.order.created.v1";
    public static final String ORDER_CANCELLED = "shop.order.cancelled.v1";
    public static final String STOCK_RESERVED = "shop.inventory.stock-reserved.v1";

    private SagaEvents() {
    }

    public record OrderCreated(UUID orderId, String customerId, Long totalCents, String currency,
            String paymentMethod) {
    }

    public record OrderRef(UUID orderId) {
    }
}
