package dev.shop.inventory.reservation;

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

import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.events.EventHandlers;
import dev.shop.platform.events.PoisonEventException;

/**
 * The table of order events inventory-service reacts to. Building it, and refusing an event before any reservation
 * is touched, needs no {@link StockReservations}, so it is left out.
 */
@Tag("fast")
class InventorySagaHandlersTest {

    private final EventHandlers handlers = new InventorySaga(null).handlers();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anOrderCreatedConfirmedOrCancelledHasAHandler() {
        assertEquals(Set.of(InventorySaga.ORDER_CREATED, InventorySaga.ORDER_CONFIRMED, InventorySaga.ORDER_CANCELLED),
                handlers.types());
    }

    @Test
    void theInboxKnowsTheseEventsAsInventoryServices() {
        assertEquals("inventory-service", handlers.consumer());
    }

    @Test
    void anUnknownVersionOfAnOrderEventIsPoison() {
        CloudEvent v2 = event("shop.order.created.v2", "{\"orderId\": \"" + UUID.randomUUID() + "\"}");

        assertTrue(handlers.concerns(v2));
        assertThrows(PoisonEventException.class, () -> handlers.dispatch(v2, mapper));
    }

    @Test
    void paymentEventsAreNoneOfItsBusiness() {
        assertFalse(handlers.concerns(event("shop.payment.completed.v1", "{}")));
        assertFalse(handlers.concerns(event(ReservationEvents.STOCK_RESERVED, "{}")));
    }

    @Test
    void anOrderCreatedWithoutLinesIsPoisonNotRetried() {
        String data = "{\"orderId\": \"" + UUID.randomUUID() + "\", \"lines\": []}";

        assertThrows(PoisonEventException.class,
                () -> handlers.dispatch(event(InventorySaga.ORDER_CREATED, data), mapper));
    }

    @ParameterizedTest
    @ValueSource(strings = { InventorySaga.ORDER_CREATED, InventorySaga.ORDER_CONFIRMED,
            InventorySaga.ORDER_CANCELLED })
    void anEventWithoutOrderIdIsPoisonNotRetried(String type) {
        assertThrows(PoisonEventException.class, () -> handlers.dispatch(event(type, "{}"), mapper));
    }

    private static CloudEvent event(String type, String data) {
        return new CloudEvent("e-1", type, "/test", null, Instant.now(), data, null);
    }
}
