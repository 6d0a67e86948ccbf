package dev.shop.orders.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An order reached the end of its saga (CONFIRMED or CANCELLED); a CDI event fired in the transaction that
 * recorded it, observed after commit (saga metrics).
 *
 * @param cancelReason {@code null} for a confirmed order
 */
public record OrderFinished(UUID orderId, OrderStatus outcome, CancelReason cancelReason, Instant placedAt) {

    public static OrderFinished of(Order order) {
        return new OrderFinished(order.id(), order.status(), order.cancelReason(), order.createdAt());
    }
}
