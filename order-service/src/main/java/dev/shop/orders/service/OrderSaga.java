package dev.shop.orders.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.orders.domain.CancelReason;
import dev.shop.orders.domain.IllegalTransitionException;
import dev.shop.orders.domain.Order;
import dev.shop.orders.messaging.OrderEventPublisher;
import dev.shop.orders.messaging.SagaEvents;
import dev.shop.orders.persistence.OrderRepository;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.EventData;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.inbox.ProcessedEvents;

/**
 * The order's side of the choreography: each event of inventory or payment becomes one step of the order
 * aggregate, applied in one transaction with the inbox row (a redelivered event has no second effect) and the
 * events the step implies (outbox).
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
public class OrderSaga {

    static final String CONSUMER = "order-service";
    private static final Logger LOG = Logger.getLogger(OrderSaga.class);
    private static final Set<String> HANDLED = Set.of("shop.inventory.stock-reserved", "shop.inventory.stock-rejected",
            "shop.payment.completed", "shop.payment.failed", "shop.payment.refunded");

    @Inject
    OrderRepository orders;

    @Inject
    OrderEventPublisher publisher;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    OrderWatch watch;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public void apply(CloudEvent event) {
        if (!HANDLED.contains(event.typeFamily())) {
            return; // not a step of the order's saga (e.g. stock committed): nothing to record
        }
        if (!processedEvents.firstDelivery(CONSUMER, event)) {
            LOG.debugf("event %s (%s) already processed", event.id(), event.type());
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        switch (event.type()) {
            case SagaEvents.STOCK_RESERVED -> {
                var data = EventData.read(mapper, event, SagaEvents.StockReserved.class);
                order(data.orderId(), event).reserveStock(now);
            }
            case SagaEvents.STOCK_REJECTED -> {
                var data = EventData.read(mapper, event, SagaEvents.StockRejected.class);
                Order order = order(data.orderId(), event);
                cancel(order, CancelReason.OUT_OF_STOCK, now, "not enough stock of " + data.productIds());
            }
            case SagaEvents.PAYMENT_COMPLETED -> {
                var data = EventData.read(mapper, event, SagaEvents.PaymentCompleted.class);
                Order order = order(data.orderId(), event);
                order.confirm(now, "payment " + data.paymentId() + ", charge " + data.chargeId());
                publisher.publishRecorded(order);
            }
            case SagaEvents.PAYMENT_FAILED -> {
                var data = EventData.read(mapper, event, SagaEvents.PaymentFailed.class);
                Order order = order(data.orderId(), event);
                cancel(order, CancelReason.PAYMENT_DECLINED, now, data.reason());
            }
            case SagaEvents.PAYMENT_REFUNDED -> {
                var data = EventData.read(mapper, event, SagaEvents.PaymentRefunded.class);
                order(data.orderId(), event).note("PAYMENT_REFUNDED", now, data.amountCents() + " cents refunded");
            }
            default -> event.rejectIfUnknownVersionOf(HANDLED);
        }
    }

    private void cancel(Order order, CancelReason reason, Instant now, String detail) {
        try {
            order.cancel(reason, now, detail);
            publisher.publishRecorded(order);
        } catch (IllegalTransitionException confirmed) {
            // A confirmed order stays confirmed: the event came too late to matter (e.g. a duplicate decline).
            order.note("CANCEL_IGNORED", now, reason + " reported after the order was CONFIRMED");
        }
    }

    private Order order(UUID orderId, CloudEvent event) {
        if (orderId == null) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no orderId");
        }
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> new PoisonEventException(
                "event " + event.id() + " (" + event.type() + ") is about unknown order " + orderId));
        watch.changed(orderId); // every step changes the order it loads: its long polls wake after the commit
        return order;
    }
}
