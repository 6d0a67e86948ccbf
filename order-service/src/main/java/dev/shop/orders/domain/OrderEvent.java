package dev.shop.orders.domain;

import java.util.List;
import java.util.UUID;

/**
 * What happened to an order, recorded by the aggregate as it changes and published through the outbox in the
 * same transaction (the records are the events' JSON {@code data}).
 */
public sealed interface OrderEvent {

    UUID orderId();

    /** {@code shop.order.created.v1}: inventory reserves the lines, payment learns amount and method. */
    record OrderCreated(UUID orderId, String customerId, List<Line> lines, long totalCents, String currency,
            String paymentMethod) implements OrderEvent {

        public record Line(UUID productId, int quantity, long unitPriceCents) {
        }
    }

    /** {@code shop.order.confirmed.v1}: inventory commits the reservation. */
    record OrderConfirmed(UUID orderId, long totalCents, String currency) implements OrderEvent {
    }

    /** {@code shop.order.cancelled.v1}: inventory releases, payment refunds if it had charged. */
    record OrderCancelled(UUID orderId, CancelReason reason) implements OrderEvent {
    }
}
