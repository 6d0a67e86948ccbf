package dev.shop.orders.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.shop.orders.domain.Order;

/** Every saga step of an order with its time (a teaching aid). */
public record TimelineView(UUID orderId, List<Step> steps) {

    public record Step(String step, Instant at, String detail) {
    }

    public static TimelineView of(Order order) {
        return new TimelineView(order.id(),
                order.timeline().stream().map(s -> new Step(s.step(), s.at(), s.detail())).toList());
    }
}
