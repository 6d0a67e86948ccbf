package dev.shop.payments.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.messaging.SagaEvents;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.platform.events.EventHandlers;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.events.SagaParticipant;
import dev.shop.platform.events.Traceparent;

/**
 * Payment's side of the choreography (platform's {@code EventRouter} runs each handler in one transaction with
 * the event's inbox row). The payment row is created by whichever of OrderCreated and StockReserved
 * arrives first (they travel on different topics) and becomes due for a charge once both are known.
 *
 * <pre>
 * OrderCreated   -> payment.orderPlaced(amount, method)   } both known: PENDING, and PaymentProcessor charges
 *                                                          } as soon as the transaction commits
 * StockReserved  -> payment.stockReserved()               }
 * OrderCancelled -> payment.orderCancelled()  (never sent: CANCELLED; charged: refund;
 *                                              maybe charged: cancel at the PSP by idempotency key)
 * </pre>
 */
@ApplicationScoped
public class PaymentSaga implements SagaParticipant {

    private final PaymentRepository payments;
    private final PaymentEventPublisher publisher;
    private final PaymentProcessor processor;

    PaymentSaga(PaymentRepository payments, PaymentEventPublisher publisher, PaymentProcessor processor) {
        this.payments = payments;
        this.publisher = publisher;
        this.processor = processor;
    }

    @Override
    public EventHandlers handlers() {
        return EventHandlers.of("payment-service")
                .on(SagaEvents.ORDER_CREATED, SagaEvents.OrderCreated.class, this::orderCreated)
                .on(SagaEvents.STOCK_RESERVED, SagaEvents.OrderRef.class, this::stockReserved)
                .on(SagaEvents.ORDER_CANCELLED, SagaEvents.OrderRef.class, this::orderCancelled);
    }

    void orderCreated(SagaEvents.OrderCreated event) {
        if (event.orderId() == null || event.totalCents() == null || event.currency() == null
                || event.paymentMethod() == null || event.customerId() == null) {
            throw new PoisonEventException("OrderCreated of order " + event.orderId() + " lacks a field payment needs");
        }
        Instant now = now();
        apply(event.orderId(), now, payment -> payment.orderPlaced(event.customerId(), event.totalCents(),
                event.currency(), event.paymentMethod(), now));
    }

    void stockReserved(SagaEvents.OrderRef event) {
        Instant now = now();
        apply(orderId(event), now, payment -> payment.stockReserved(now));
    }

    void orderCancelled(SagaEvents.OrderRef event) {
        Instant now = now();
        apply(orderId(event), now, payment -> payment.orderCancelled(now));
    }

    /**
     * Applies one step to the order's payment, locked, or to a new one (inserted once, with the step applied),
     * records the events it implies and has it charged once this transaction commits if that made it due. The
     * payment carries the trace of the event being applied: the PSP calls continue it.
     */
    private void apply(UUID orderId, Instant now, Consumer<Payment> step) {
        Optional<Payment> known = payments.findByOrderForUpdate(orderId);
        Payment payment = known.orElseGet(() -> Payment.forOrder(orderId, now));
        payment.tracedBy(Traceparent.current());
        step.accept(payment);
        if (known.isEmpty()) {
            payments.persist(payment);
            payments.flush(); // a concurrent creator of the same order fails here on the unique key, and retries
        }
        publisher.publishRecorded(payment);
        processor.callWhenCommitted(payment);
    }

    private static UUID orderId(SagaEvents.OrderRef event) {
        if (event.orderId() == null) {
            throw new PoisonEventException("event without orderId");
        }
        return event.orderId();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
