package dev.shop.inventory.reservation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.platform.events.EventHandlers;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.events.SagaParticipant;

/**
 * Inventory's side of the choreography: its reactions to {@code orders.events}. Platform's {@code EventRouter}
 * consumes them and runs each handler in one transaction with the event's inbox row; the reservation's own events
 * go to the outbox in that transaction.
 *
 * <pre>
 * OrderCreated   -> reserve every line, or none  -> StockReserved | StockRejected
 * OrderConfirmed -> the held units are sold      -> StockCommitted
 * OrderCancelled -> the held units go back       -> StockReleased
 * </pre>
 */
@ApplicationScoped
public class InventorySaga implements SagaParticipant {

    static final String ORDER_CREATED = "shop.order.created.v1";
    static final String ORDER_CONFIRMED = "shop.order.confirmed.v1";
    static final String ORDER_CANCELLED = "shop.order.cancelled.v1";

    private final StockReservations reservations;

    InventorySaga(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.of("inventory-service")
                .on(ORDER_CREATED, ReservationEvents.OrderCreated.class, this::orderCreated)
                .on(ORDER_CONFIRMED, ReservationEvents.OrderRef.class, e -> reservations.commit(orderId(e)))
                .on(ORDER_CANCELLED, ReservationEvents.OrderRef.class, e -> reservations.release(orderId(e)));
    }

    void orderCreated(ReservationEvents.OrderCreated event) {
        if (event.orderId() == null || event.lines() == null || event.lines().isEmpty()) {
            throw new PoisonEventException("OrderCreated without orderId or lines");
        }
        reservations.reserve(event.orderId(), event.lines());
    }

    private static UUID orderId(ReservationEvents.OrderRef event) {
        if (event.orderId() == null) {
            throw new PoisonEventException("event without orderId");
        }
        return event.orderId();
    }
}
