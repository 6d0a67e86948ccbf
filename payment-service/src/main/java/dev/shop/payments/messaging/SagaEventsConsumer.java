package dev.shop.payments.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.payments.service.PaymentSaga;
import dev.shop.platform.events.EventRouter;
import io.smallrye.common.annotation.Blocking;

/**
 * Where the saga's events enter payment-service: batches of the channel {@code saga-events} ({@code orders.events}, {@code inventory.events}), handed to
 * platform's {@link EventRouter}, which applies each event through {@link PaymentSaga}'s table, in one
 * transaction with its inbox row.
 */
@ApplicationScoped
public class SagaEventsConsumer {

    private final EventRouter router;

    SagaEventsConsumer(EventRouter router) {
        this.router = router;
    }

    @Incoming(EventRouter.CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> batch) {
        router.route(batch);
    }
}
