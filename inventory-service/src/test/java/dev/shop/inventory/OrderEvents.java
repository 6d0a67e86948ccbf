package dev.shop.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.shop.platform.events.CloudEvent;
import dev.shop.stack.testing.TestServers;

/** order-service's saga events, sent to {@code orders.events} of the test Kafka the way order-service sends them. */
public final class OrderEvents {

    /** How long a test waits for inventory to apply an event (the consumer may still be joining its group). */
    public static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    private OrderEvents() {
    }

    /** OrderCreated with one line: inventory reserves it. */
    public static void created(UUID orderId, UUID productId, int quantity) {
        send(orderId, "shop.order.created.v1", """
                {"orderId": "%s", "lines": [{"productId": "%s", "quantity": %d}]}""".formatted(orderId, productId,
                quantity));
    }

    /** OrderConfirmed: inventory commits the reservation (the units are sold). @return the event's id */
    public static String confirmed(UUID orderId) {
        return send(orderId, "shop.order.confirmed.v1", "{\"orderId\": \"" + orderId + "\"}");
    }

    /** OrderCancelled: inventory releases the reservation (the units go back on the shelf). */
    public static void cancelled(UUID orderId) {
        send(orderId, "shop.order.cancelled.v1", "{\"orderId\": \"" + orderId + "\"}");
    }

    private static String send(UUID orderId, String type, String data) {
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), type, "/test", orderId.toString(),
                Instant.now(), data, null);
        Properties config = new Properties();
        config.put("bootstrap.servers", TestServers.get().kafkaBootstrapServers());
        config.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(event.toRecord("orders.events", orderId.toString())).get();
            return event.id();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send " + type + " of order " + orderId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
