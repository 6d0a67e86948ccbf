package dev.shop.payments.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.payments.service.PaymentSaga;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.PoisonEventException;
import dev.shop.platform.events.Traceparent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Consumes {@code orders.events} and {@code inventory.events}; {@link PaymentSaga} applies each event in one
 * transaction with its inbox row, and never calls the PSP (PaymentProcessor does, outside any transaction), so a
 * PSP outage never blocks a partition. Offsets are committed (throttled) after the transaction; poison events go
 * to {@code <topic>.dlq} with the reason.
 */
@ApplicationScoped
public class SagaEventsConsumer {

    @Inject
    PaymentSaga saga;

    @Incoming("order-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, delay = 200, jitter = 100,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void onOrderEvent(ConsumerRecord<String, String> record) {
        handle(record);
    }

    @Incoming("inventory-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, delay = 200, jitter = 100,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void onInventoryEvent(ConsumerRecord<String, String> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<String, String> record) {
        CloudEvent event = CloudEvent.from(record);
        Traceparent.runWith(event.traceparent(), () -> saga.apply(event));
    }
}
