package dev.shop.payments.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.messaging.SagaEvents;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.EventData;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.events.Traceparent;
import dev.shop.platform.inbox.ProcessedEvents;

/**
 * Payment's side of the choreography. The payment row is created by whichever of OrderCreated and StockReserved
 * arrives first (they travel on different topics) and becomes due for a charge once both are known.
 *
 * <pre>
 * OrderCreated   -> payment.orderPlaced(amount, method)   } both known: PENDING, PaymentProcessor charges
 * StockReserved  -> payment.stockReserved()               }
 * OrderCancelled -> payment.orderCancelled()  (never sent: CANCELLED; charged: refund;
 *                                              maybe charged: cancel at the PSP by idempotency key)
 * </pre>
 */
@ApplicationScoped
public class PaymentSaga {

    static final String CONSUMER = "payment-service";
    private static final Set<String> HANDLED = Set.of("shop.order.created", "shop.order.cancelled",
            "shop.inventory.stock-reserved");

    @Inject
    PaymentRepository payments;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    PaymentEventPublisher publisher;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public void apply(CloudEvent event) {
        if (!HANDLED.contains(event.typeFamily()) || !processedEvents.firstDelivery(CONSUMER, event)) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        switch (event.type()) {
            case SagaEvents.ORDER_CREATED -> {
                var data = EventData.read(mapper, event, SagaEvents.OrderCreated.class);
                if (data.orderId() == null || data.totalCents() == null || data.currency() == null
                        || data.paymentMethod() == null || data.customerId() == null) {
                    throw new PoisonEventException("OrderCreated " + event.id() + " lacks a field payment needs");
                }
                Payment payment = paymentOf(data.orderId(), now);
                payment.orderPlaced(data.customerId(), data.totalCents(), data.currency(), data.paymentMethod(), now);
                publisher.publishRecorded(payment);
            }
            case SagaEvents.STOCK_RESERVED -> {
                Payment payment = paymentOf(orderId(event), now);
                payment.stockReserved(now);
                publisher.publishRecorded(payment);
            }
            case SagaEvents.ORDER_CANCELLED -> {
                Payment payment = paymentOf(orderId(event), now);
                payment.orderCancelled(now);
                publisher.publishRecorded(payment);
            }
            default -> event.rejectIfUnknownVersionOf(HANDLED);
        }
    }

    /** The order's payment, locked, carrying the trace of the event being applied (the PSP calls continue it). */
    private Payment paymentOf(UUID orderId, Instant now) {
        Payment payment = payments.findByOrderForUpdate(orderId).orElseGet(() -> {
            Payment created = Payment.forOrder(orderId, now);
            payments.persist(created);
            payments.flush(); // a concurrent creator of the same order fails here on the unique key, and retries
            return created;
        });
        payment.tracedBy(Traceparent.current());
        return payment;
    }

    private UUID orderId(CloudEvent event) {
        var data = EventData.read(mapper, event, SagaEvents.OrderRef.class);
        if (data.orderId() == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " without orderId");
        }
        return data.orderId();
    }
}
