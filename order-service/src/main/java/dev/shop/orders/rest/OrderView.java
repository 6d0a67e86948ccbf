package dev.shop.orders.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.shop.orders.domain.CancelReason;
import dev.shop.orders.domain.Order;
import dev.shop.orders.domain.OrderStatus;

/** An order as the API shows it (docs/design.md section 3). */
public record OrderView(UUID id, String customerId, OrderStatus status, CancelReason cancelReason, List<Line> lines,
        long totalCents, String currency, Instant createdAt, Instant updatedAt) {

    public record Line(UUID productId, int quantity, long unitPriceCents) {
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.customerId(), order.status(), order.cancelReason(),
                order.lines().stream().map(l -> new Line(l.productId(), l.quantity(), l.unitPriceCents())).toList(),
                order.totalCents(), order.currency(), order.createdAt(), order.updatedAt());
    }
}
