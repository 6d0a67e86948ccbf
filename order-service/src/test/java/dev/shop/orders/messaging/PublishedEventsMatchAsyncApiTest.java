package dev.shop.orders.messaging;

import static dev.shop.orders.Shop.awaitStatus;
import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.shop.orders.SagaServices;
import dev.shop.orders.Shop;
import dev.shop.platform.events.CloudEvent;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestKafka;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the three saga services really publish matches docs/events/asyncapi.yaml: three orders (confirmed, declined,
 * out of stock) through order-, inventory- and payment-service and the real Kafka, then every record of those
 * orders on the three topics is checked against the document (topic, CloudEvents headers, data, key).
 * {@code shop.payment.refunded.v1} needs a charge followed by a cancel and is not among them.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class PublishedEventsMatchAsyncApiTest {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final List<String> TOPICS = List.of("orders.events", "inventory.events", "payments.events");

    @Test
    void everyEventOfAConfirmedADeclinedAndAnOutOfStockOrderIsAsDocumented() throws Exception {
        EventContract contract = EventContract.load();
        UUID soldOut = demoProduct(69);
        Shop.setStock(soldOut, 0);
        String confirmed = place(demoProduct(67), 1, "pm_card_visa");
        String declined = place(demoProduct(68), 1, "pm_card_declined");
        String rejected = place(soldOut, 1, "pm_card_visa");
        awaitStatus(confirmed, "CONFIRMED", SAGA);
        awaitStatus(declined, "CANCELLED", SAGA);
        awaitStatus(rejected, "CANCELLED", SAGA);
        // the last events of each saga, published after the order's final status
        awaitType("inventory.events", confirmed, "shop.inventory.stock-committed.v1");
        awaitType("inventory.events", declined, "shop.inventory.stock-released.v1");
        awaitType("orders.events", rejected, "shop.order.cancelled.v1");

        List<ConsumerRecord<String, String>> published = new ArrayList<>();
        for (String topic : TOPICS) {
            for (String order : List.of(confirmed, declined, rejected)) {
                published.addAll(TestKafka.records(topic, order));
            }
        }
        List<String> violations = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (ConsumerRecord<String, String> record : published) {
            violations.addAll(contract.violations(record));
            types.add(TestKafka.header(record, CloudEvent.CE_TYPE));
        }

        assertEquals(List.of(), violations, "records that differ from docs/events/asyncapi.yaml");
        assertEquals(new TreeSet<>(Set.of("shop.order.created.v1", "shop.order.confirmed.v1", "shop.order.cancelled.v1",
                "shop.inventory.stock-reserved.v1", "shop.inventory.stock-rejected.v1",
                "shop.inventory.stock-released.v1", "shop.inventory.stock-committed.v1", "shop.payment.completed.v1",
                "shop.payment.failed.v1")), types, "the event types these three orders published");
        assertTrue(contract.documents("shop.payment.refunded.v1"), "the refund event is documented too");
    }

    private static void awaitType(String topic, String orderId, String type) {
        TestKafka.awaitRecord(topic, orderId, record -> type.equals(TestKafka.header(record, CloudEvent.CE_TYPE)), SAGA);
    }
}
