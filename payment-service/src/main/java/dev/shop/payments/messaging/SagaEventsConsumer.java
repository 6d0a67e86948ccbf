package dev.shop.payments.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.payments.service.PaymentSaga;
import dev.shop.platform.events.IncomingEvents;
import dev.shop.platform.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Consumes {@code orders.events} and {@code inventory.events}; {@link PaymentSaga} applies each event in one
 * transaction with its inbox row, and never calls the PSP (PaymentProcessor does, outside any transaction), so a
 * PSP outage never blocks a partition. Offsets are committed (throttled) after the transaction; poison events go
 * to {@code <topic>.dlq} with the reason.
 */
@ApplicationScoped
@Retry(maxRetries = -1, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, delay = 200, jitter = 100,
        abortOn = PoisonEventException.class)
@ExponentialBackoff(maxDelay = 30_000)
public class SagaEventsConsumer {

    @Inject
    PaymentSaga saga;

    @Inject
    IncomingEvents incomingEvents;

    @Incoming("order-events")
    @Blocking
    public void onOrderEvent(ConsumerRecord<String, String> record) {
        incomingEvents.handle(record, saga::apply);
    }

    @Incoming("inventory-events")
    @Blocking
    public void onInventoryEvent(ConsumerRecord<String, String> record) {
        incomingEvents.handle(record, saga::apply);
    }
}
