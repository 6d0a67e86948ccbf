package dev.shop.orders.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.orders.messaging.SagaEvents;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.EventHandlers;
import dev.shop.platform.events.PoisonEventException;

/**
 * The table of events order-service reacts to. Building it, and refusing an event before any order is loaded, needs
 * none of the saga's collaborators, so they are left out.
 */
@Tag("fast")
class OrderSagaHandlersTest {

    private final EventHandlers handlers = new OrderSaga(null, null, null).handlers();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyEventOfInventoryAndPaymentThatMovesAnOrderHasAHandler() {
        assertEquals(Set.of(SagaEvents.STOCK_RESERVED, SagaEvents.STOCK_REJECTED, SagaEvents.PAYMENT_COMPLETED,
                SagaEvents.PAYMENT_FAILED, SagaEvents.PAYMENT_REFUNDED), handlers.types());
    }

    @Test
    void theInboxKnowsTheseEventsAsOrderServices() {
        assertEquals("order-service", handlers.consumer());
    }

    @Test
    void anUnknownVersionOfAnEventItHandlesIsPoison() {
        CloudEvent v2 = event("shop.payment.completed.v2", "{\"orderId\": \"" + UUID.randomUUID() + "\"}");

        assertTrue(handlers.concerns(v2));
        assertThrows(PoisonEventException.class, () -> handlers.dispatch(v2, mapper));
    }

    @Test
    void theOrdersOwnEventsAreNoneOfItsBusiness() {
        assertFalse(handlers.concerns(event("shop.order.created.v1", "{}")));
        assertFalse(handlers.concerns(event("shop.inventory.stock-released.v1", "{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = { SagaEvents.STOCK_RESERVED, SagaEvents.STOCK_REJECTED, SagaEvents.PAYMENT_COMPLETED,
            SagaEvents.PAYMENT_FAILED, SagaEvents.PAYMENT_REFUNDED })
    void anEventWithoutOrderIdIsPoisonNotRetried(String type) {
        assertThrows(PoisonEventException.class, () -> handlers.dispatch(event(type, "{}"), mapper));
    }

    private static CloudEvent event(String type, String data) {
        return new CloudEvent("e-1", type, "/test", null, Instant.now(), data, null);
    }
}
