package dev.shop.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.shop.orders.domain.Order;
import dev.shop.orders.domain.OrderEvent;
import dev.shop.platform.outbox.Outbox;

/** Appends the events an order recorded to the outbox, in the caller's transaction; key = order id. */
@ApplicationScoped
public class OrderEventPublisher {

    public static final String TOPIC = "orders.events";
    public static final String ORDER_CREATED = "shop.order.created.v1";
    public static final String ORDER_CONFIRMED = "shop.order.confirmed.v1";
    public static final String ORDER_CANCELLED = "shop.order.cancelled.v1";

    @Inject
    Outbox outbox;

    public void publishRecorded(Order order) {
        for (OrderEvent event : order.drainEvents()) {
            outbox.append(TOPIC, event.orderId(), typeOf(event), event);
        }
    }

    static String typeOf(OrderEvent event) {
        return switch (event) {
            case OrderEvent.OrderCreated created -> ORDER_CREATED;
            case OrderEvent.OrderConfirmed confirmed -> ORDER_CONFIRMED;
            case OrderEvent.OrderCancelled cancelled -> ORDER_CANCELLED;
        };
    }
}
