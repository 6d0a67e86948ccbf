package dev.shop.payments.service;

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

import dev.shop.payments.messaging.SagaEvents;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.EventHandlers;
import dev.shop.platform.events.PoisonEventException;

/**
 * The table of events payment-service reacts to. Building it, and refusing an event before any payment is loaded,
 * needs none of the saga's collaborators, so they are left out.
 */
@Tag("fast")
class PaymentSagaHandlersTest {

    private final EventHandlers handlers = new PaymentSaga(null, null, null).handlers();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theOrderAndItsReservationAndCancellationHaveAHandler() {
        assertEquals(Set.of(SagaEvents.ORDER_CREATED, SagaEvents.STOCK_RESERVED, SagaEvents.ORDER_CANCELLED),
                handlers.types());
    }

    @Test
    void theInboxKnowsTheseEventsAsPaymentServices() {
        assertEquals("payment-service", handlers.consumer());
    }

    @Test
    void anUnknownVersionOfAnEventItHandlesIsPoison() {
        CloudEvent v2 = event("shop.order.created.v2", "{\"orderId\": \"" + UUID.randomUUID() + "\"}");

        assertTrue(handlers.concerns(v2));
        assertThrows(PoisonEventException.class, () -> handlers.dispatch(v2, mapper));
    }

    @Test
    void eventsItDoesNotNeedAreNoneOfItsBusiness() {
        assertFalse(handlers.concerns(event("shop.payment.completed.v1", "{}")));
        assertFalse(handlers.concerns(event("shop.order.confirmed.v1", "{}")));
    }

    @Test
    void anOrderCreatedWithoutTheAmountIsPoisonNotRetried() {
        String data = "{\"orderId\": \"" + UUID.randomUUID() + "\", \"customerId\": \"alice\", \"currency\": \"EUR\","
                + " \"paymentMethod\": \"pm_card_visa\"}";

        assertThrows(PoisonEventException.class,
                () -> handlers.dispatch(event(SagaEvents.ORDER_CREATED, data), mapper));
    }

    @ParameterizedTest
    @ValueSource(strings = { SagaEvents.ORDER_CREATED, SagaEvents.STOCK_RESERVED, SagaEvents.ORDER_CANCELLED })
    void anEventWithoutOrderIdIsPoisonNotRetried(String type) {
        assertThrows(PoisonEventException.class, () -> handlers.dispatch(event(type, "{}"), mapper));
    }

    private static CloudEvent event(String type, String data) {
        return new CloudEvent("e-1", type, "/test", null, Instant.now(), data, null);
    }
}
