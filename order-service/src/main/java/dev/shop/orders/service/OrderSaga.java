package dev.shop.orders.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.orders.domain.CancelReason;
import dev.shop.orders.domain.IllegalTransitionException;
import dev.shop.orders.domain.Order;
import dev.shop.orders.messaging.OrderEventPublisher;
import dev.shop.orders.messaging.SagaEvents;
import dev.shop.orders.persistence.OrderRepository;
import dev.shop.platform.events.EventHandlers;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.events.SagaParticipant;

/**
 * The order's side of the choreography: each event of inventory or payment becomes one step of the order
 * aggregate. Platform's {@code EventRouter} consumes the events and runs each handler in a transaction together
 * with the inbox row (a redelivered event has no second effect) and the events the step implies (outbox).
 *
 * <pre>
 * StockReserved    -> order.reserveStock()
 * StockRejected    -> order.cancel(OUT_OF_STOCK)     -> OrderCancelled
 * PaymentCompleted -> order.confirm()                -> OrderConfirmed
 * PaymentFailed    -> order.cancel(PAYMENT_DECLINED) -> OrderCancelled
 * PaymentRefunded  -> a timeline note
 * </pre>
 */
@ApplicationScoped
public class OrderSaga implements SagaParticipant {

    private final OrderRepository orders;
    private final OrderEventPublisher publisher;
    private final OrderWatch watch;

    OrderSaga(OrderRepository orders, OrderEventPublisher publisher, OrderWatch watch) {
        this.orders = orders;
        this.publisher = publisher;
        this.watch = watch;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.of("order-service")
                .on(SagaEvents.STOCK_RESERVED, SagaEvents.StockReserved.class, this::stockReserved)
                .on(SagaEvents.STOCK_REJECTED, SagaEvents.StockRejected.class, this::stockRejected)
                .on(SagaEvents.PAYMENT_COMPLETED, SagaEvents.PaymentCompleted.class, this::paymentCompleted)
                .on(SagaEvents.PAYMENT_FAILED, SagaEvents.PaymentFailed.class, this::paymentFailed)
                .on(SagaEvents.PAYMENT_REFUNDED, SagaEvents.PaymentRefunded.class, this::paymentRefunded);
    }

    void stockReserved(SagaEvents.StockReserved event) {
        order(event.orderId()).reserveStock(now());
    }

    void stockRejected(SagaEvents.StockRejected event) {
        cancel(order(event.orderId()), CancelReason.OUT_OF_STOCK, "not enough stock of " + event.productIds());
    }

    void paymentCompleted(SagaEvents.PaymentCompleted event) {
        Order order = order(event.orderId());
        order.confirm(now(), "payment " + event.paymentId() + ", charge " + event.chargeId());
        publisher.publishRecorded(order);
    }

    void paymentFailed(SagaEvents.PaymentFailed event) {
        cancel(order(event.orderId()), CancelReason.PAYMENT_DECLINED, event.reason());
    }

    void paymentRefunded(SagaEvents.PaymentRefunded event) {
        order(event.orderId()).note("PAYMENT_REFUNDED", now(), event.amountCents() + " cents refunded");
    }

    private void cancel(Order order, CancelReason reason, String detail) {
        try {
            order.cancel(reason, now(), detail);
            publisher.publishRecorded(order);
        } catch (IllegalTransitionException confirmed) {
            // A confirmed order stays confirmed: the event came too late to matter (e.g. a duplicate decline).
            order.note("CANCEL_IGNORED", now(), reason + " reported after the order was CONFIRMED");
        }
    }

    /** The order the event is about, locked for this transaction. */
    private Order order(UUID orderId) {
        if (orderId == null) {
            throw new PoisonEventException("event without orderId");
        }
        watch.changed(orderId); // every step changes the order it loads: its long polls wake after the commit
        return orders.findForUpdate(orderId)
                .orElseThrow(() -> new PoisonEventException("event about unknown order " + orderId));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
