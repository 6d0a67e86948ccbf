package dev.shop.payments.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.domain.PaymentEvent;
import dev.shop.platform.outbox.Outbox;

/** Appends a payment's recorded events to the outbox, in the caller's transaction; key = order id. */
@ApplicationScoped
public class PaymentEventPublisher {

    public static final String TOPIC = "payments.events";
    public static final String PAYMENT_COMPLETED = "shop.payment.completed.v1";
    public static final String PAYMENT_FAILED = "shop.payment.failed.v1";
    public static final String PAYMENT_REFUNDED = "shop.payment.refunded.v1";

    @Inject
    Outbox outbox;

    public void publishRecorded(Payment payment) {
        for (PaymentEvent event : payment.drainEvents()) {
            outbox.append(TOPIC, event.orderId(), typeOf(event), event);
        }
    }

    static String typeOf(PaymentEvent event) {
        return switch (event) {
            case PaymentEvent.PaymentCompleted completed -> PAYMENT_COMPLETED;
            case PaymentEvent.PaymentFailed failed -> PAYMENT_FAILED;
            case PaymentEvent.PaymentRefunded refunded -> PAYMENT_REFUNDED;
        };
    }
}
