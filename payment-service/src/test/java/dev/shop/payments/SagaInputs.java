package dev.shop.payments;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.RecordMetadata;

import dev.shop.payments.messaging.SagaEvents;
import dev.shop.platform.events.CloudEvent;
import dev.shop.stack.testing.TestKafka;
import dev.shop.stack.testing.Tokens;

/**
 * The events payment-service consumes, shaped as order-service and inventory-service publish them
 * (CloudEvents in binary mode on their topics, key = order id), and their delivery.
 */
public final class SagaInputs {

    public static final String ORDERS_TOPIC = "orders.events";
    public static final String INVENTORY_TOPIC = "inventory.events";

    private SagaInputs() {
    }

    /** Alice's customer id: the {@code sub} of her tokens, which order-service puts in OrderCreated. */
    public static String alice() {
        return Tokens.subject(Tokens.alice());
    }

    /** An order Alice placed and whose stock inventory reserved: the two facts that make its charge due. */
    public static UUID reservedOrder(long totalCents, String paymentMethod) {
        UUID orderId = UUID.randomUUID();
        deliver(orderCreated(orderId, alice(), totalCents, paymentMethod));
        deliver(stockReserved(orderId));
        return orderId;
    }

    public static CloudEvent orderCreated(UUID orderId, String customerId, long totalCents, String paymentMethod) {
        return event(SagaEvents.ORDER_CREATED, "/shop/order-service", orderId, """
                {"orderId": "%s", "customerId": "%s", "lines": [{"productId": "%s", "quantity": 1, "unitPriceCents": %d}],
                 "totalCents": %d, "currency": "EUR", "paymentMethod": "%s"}""".formatted(orderId, customerId,
                UUID.randomUUID(), totalCents, totalCents, paymentMethod));
    }

    public static CloudEvent stockReserved(UUID orderId) {
        return event(SagaEvents.STOCK_RESERVED, "/shop/inventory-service", orderId, """
                {"orderId": "%s", "lines": [{"productId": "%s", "quantity": 1}]}""".formatted(orderId, UUID.randomUUID()));
    }

    public static CloudEvent orderCancelled(UUID orderId, String reason) {
        return event(SagaEvents.ORDER_CANCELLED, "/shop/order-service", orderId, """
                {"orderId": "%s", "reason": "%s"}""".formatted(orderId, reason));
    }

    /** Puts the event on its producer's topic, keyed by the order id, as that producer's outbox relay would. */
    public static RecordMetadata deliver(CloudEvent event) {
        String topic = event.type().startsWith("shop.inventory.") ? INVENTORY_TOPIC : ORDERS_TOPIC;
        return TestKafka.send(event.toRecord(topic, event.subject()));
    }

    public static CloudEvent event(String type, String source, UUID orderId, String data) {
        return new CloudEvent(UUID.randomUUID().toString(), type, source, orderId.toString(), Instant.now(), data,
                null);
    }
}
