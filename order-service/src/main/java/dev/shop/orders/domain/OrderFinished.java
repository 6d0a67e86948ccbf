package dev.shop.orders.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An order reached the end of its saga (CONFIRMED or CANCELLED); a CDI event fired in the transaction that
 * recorded it, observed after commit (saga metrics).
 *
 * @param cancelReason {@code null} for a confirmed order
 * @param traceparent  the trace of the work that finished the order (its log line belongs to it), or {@code null}
 */
public record OrderFinished(UUID orderId, OrderStatus outcome, CancelReason cancelReason, Instant placedAt,
        String traceparent) {

    public static OrderFinished of(Order order, String traceparent) {
        return new OrderFinished(order.id(), order.status(), order.cancelReason(), order.createdAt(), traceparent);
    }
}
