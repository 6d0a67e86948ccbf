package dev.shop.inventory.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.inventory.reservation.InventorySaga;
import dev.shop.platform.events.EventRouter;
import io.smallrye.common.annotation.Blocking;

/**
 * Where the saga's events enter inventory-service: batches of the channel {@code saga-events} ({@code orders.events}), handed to
 * platform's {@link EventRouter}, which applies each event through {@link InventorySaga}'s table, in one
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
