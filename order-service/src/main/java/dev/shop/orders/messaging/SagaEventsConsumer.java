package dev.shop.orders.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.orders.service.OrderSaga;
import dev.shop.platform.events.IncomingEvents;
import dev.shop.platform.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Consumes inventory's and payment's events and hands each to {@link OrderSaga}, which applies it in one database
 * transaction together with its inbox row. The method returns only after that transaction committed; the
 * connector acknowledges then, and the {@code throttled} commit strategy commits the offset after that: a crash
 * anywhere means redelivery, and the inbox makes redelivery harmless.
 *
 * <p>Transient failures (database unreachable, lock conflict) are retried here, with backoff, for up to ten
 * minutes; a {@link PoisonEventException} is not retried: the connector sends the record to
 * {@code <topic>.dlq} with the reason ({@code failure-strategy=dead-letter-queue}) and the partition moves on.
 */
@ApplicationScoped
@Retry(maxRetries = -1, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, delay = 200, jitter = 100,
        abortOn = PoisonEventException.class)
@ExponentialBackoff(maxDelay = 30_000)
public class SagaEventsConsumer {

    @Inject
    OrderSaga saga;

    @Inject
    IncomingEvents incomingEvents;

    @Incoming("inventory-events")
    @Blocking
    public void onInventoryEvent(ConsumerRecord<String, String> record) {
        incomingEvents.handle(record, saga::apply);
    }

    @Incoming("payment-events")
    @Blocking
    public void onPaymentEvent(ConsumerRecord<String, String> record) {
        incomingEvents.handle(record, saga::apply);
    }
}
