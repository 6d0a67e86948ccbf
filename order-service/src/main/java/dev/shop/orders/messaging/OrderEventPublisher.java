package dev.shop.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import dev.shop.orders.domain.Order;
import dev.shop.orders.domain.OrderEvent;
import dev.shop.orders.domain.OrderFinished;
import dev.shop.platform.events.Traceparent;
import dev.shop.platform.outbox.Outbox;

/**
 * Appends the events an order recorded to the outbox, in the caller's transaction; key = order id. When one of
 * them ends the saga it also fires {@link OrderFinished} (observed after commit by the saga metrics).
 */
@ApplicationScoped
public class OrderEventPublisher {

    public static final String TOPIC = "orders.events";
    public static final String ORDER_CREATED = "shop.order.created.v1";
    public static final String ORDER_CONFIRMED = "shop.order.confirmed.v1";
    public static final String ORDER_CANCELLED = "shop.order.cancelled.v1";

    @Inject
    Outbox outbox;

    @Inject
    Event<OrderFinished> finished;

    public void publishRecorded(Order order) {
        for (OrderEvent event : order.drainEvents()) {
            outbox.append(TOPIC, event.orderId(), typeOf(event), event);
            if (!(event instanceof OrderEvent.OrderCreated)) {
                finished.fire(OrderFinished.of(order, Traceparent.current()));
            }
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
