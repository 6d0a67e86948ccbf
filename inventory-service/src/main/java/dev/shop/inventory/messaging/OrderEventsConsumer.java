package dev.shop.inventory.messaging;

import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.inventory.reservation.ReservationEvents;
import dev.shop.inventory.reservation.StockReservations;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.EventData;
import dev.shop.platform.events.IncomingEvents;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Inventory's reactions to {@code orders.events}: OrderCreated reserves, OrderConfirmed commits, OrderCancelled
 * releases. Each event is applied in one transaction with its inbox row; the offset is committed after it
 * (throttled strategy). Transient failures are retried with backoff; poison goes to {@code orders.events.dlq}.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CONSUMER = "inventory-service";
    static final String ORDER_CREATED = "shop.order.created.v1";
    static final String ORDER_CONFIRMED = "shop.order.confirmed.v1";
    static final String ORDER_CANCELLED = "shop.order.cancelled.v1";
    private static final Set<String> HANDLED = Set.of("shop.order.created", "shop.order.confirmed",
            "shop.order.cancelled");

    @Inject
    StockReservations reservations;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    ObjectMapper mapper;

    @Inject
    IncomingEvents incomingEvents;

    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, delay = 200, jitter = 100,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void onOrderEvent(ConsumerRecord<String, String> record) {
        incomingEvents.handle(record, this::apply);
    }

    @Transactional
    void apply(CloudEvent event) {
        if (!HANDLED.contains(event.typeFamily()) || !processedEvents.firstDelivery(CONSUMER, event)) {
            return;
        }
        switch (event.type()) {
            case ORDER_CREATED -> {
                var data = EventData.read(mapper, event, ReservationEvents.OrderCreated.class);
                if (data.orderId() == null || data.lines() == null || data.lines().isEmpty()) {
                    throw new PoisonEventException("OrderCreated " + event.id() + " without orderId or lines");
                }
                reservations.reserve(data.orderId(), data.lines());
            }
            case ORDER_CONFIRMED -> reservations.commit(orderId(event));
            case ORDER_CANCELLED -> reservations.release(orderId(event));
            default -> event.rejectIfUnknownVersionOf(HANDLED);
        }
    }

    private java.util.UUID orderId(CloudEvent event) {
        var data = EventData.read(mapper, event, ReservationEvents.OrderRef.class);
        if (data.orderId() == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " without orderId");
        }
        return data.orderId();
    }
}
