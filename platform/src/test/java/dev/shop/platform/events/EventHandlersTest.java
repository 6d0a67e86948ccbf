package dev.shop.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The table a saga participant declares: plain JUnit, no server. */
@Tag("fast")
class EventHandlersTest {

    record Shipped(String orderId) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> shipped = new ArrayList<>();
    private final EventHandlers handlers = EventHandlers.of("test")
            .on("shop.order.shipped.v1", Shipped.class, data -> shipped.add(data.orderId()));

    @Test
    void anEventIsHandedToTheHandlerOfItsTypeWithItsDataReadTolerantly() {
        handlers.dispatch(event("shop.order.shipped.v1", "{\"orderId\": \"o-1\", \"addedLater\": true}"), mapper);

        assertEquals(List.of("o-1"), shipped);
    }

    @Test
    void anUnknownVersionOfAHandledFamilyIsPoison() {
        CloudEvent v2 = event("shop.order.shipped.v2", "{\"orderId\": \"o-2\"}");

        assertTrue(handlers.concerns(v2));
        PoisonEventException poison = assertThrows(PoisonEventException.class, () -> handlers.dispatch(v2, mapper));
        assertTrue(poison.getMessage().contains("unsupported version"), poison.getMessage());
    }

    @Test
    void anotherFamilyIsNoneOfThisConsumersBusiness() {
        assertFalse(handlers.concerns(event("shop.payment.completed.v1", "{}")));
    }

    @Test
    void unreadableDataIsPoison() {
        assertThrows(PoisonEventException.class,
                () -> handlers.dispatch(event("shop.order.shipped.v1", "not json"), mapper));
    }

    @Test
    void aTypeHasOneHandler() {
        assertThrows(IllegalArgumentException.class,
                () -> handlers.on("shop.order.shipped.v1", Shipped.class, data -> { }));
    }

    private static CloudEvent event(String type, String data) {
        return new CloudEvent("e-1", type, "/test", "o", Instant.now(), data, null);
    }
}
