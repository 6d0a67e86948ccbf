package dev.shop.orders.messaging;

import static dev.shop.orders.Shop.await;
import static dev.shop.orders.Shop.awaitStatus;
import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.place;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.shop.orders.SagaServices;
import dev.shop.orders.Shop;
import dev.shop.platform.events.CloudEvent;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestKafka;
import dev.shop.stack.testing.TestServers;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/design.md section 5's delivery guarantees, with real Kafka, real databases and real processes. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class DeliveryGuaranteesTest {

    private static final Duration SAGA = Duration.ofSeconds(30);

    @Test
    void duplicateEventHasNoSecondEffect() throws Exception {
        String orderId = place(demoProduct(31), 1, "pm_card_visa");
        awaitStatus(orderId, "CONFIRMED", SAGA);
        CloudEvent duplicate = refunded(orderId, 5);
        CloudEvent marker = refunded(orderId, 7);

        send("payments.events", orderId, duplicate);
        send("payments.events", orderId, duplicate);
        send("payments.events", orderId, marker);

        await(SAGA, () -> details(orderId).contains("7 cents refunded"), () -> "marker not applied");
        assertEquals(1, details(orderId).stream().filter("5 cents refunded"::equals).count());
    }

    @Test
    void poisonEventGoesToTheDeadLetterTopicAndLaterEventsStillFlow() throws Exception {
        String orderId = place(demoProduct(32), 1, "pm_card_visa");
        awaitStatus(orderId, "CONFIRMED", SAGA);
        TestKafka.send(new ProducerRecord<>("payments.events", orderId, "{\"not\": \"a cloud event\"}"));
        send("payments.events", orderId, refunded(orderId, 9)); // same key: same partition, after the poison

        await(SAGA, () -> details(orderId).contains("9 cents refunded"), () -> "event after the poison not applied");
        ConsumerRecord<String, String> dead = TestKafka.awaitRecord("payments.events.dlq", orderId, record -> true,
                Duration.ofSeconds(30));
        String reason = TestKafka.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("missing CloudEvents attribute"), reason);
        double deadLettered = PrometheusText.sum(given().when().get("/q/metrics").asString(),
                "shop_events_dead_lettered_total", "topic=\"payments.events.dlq\"");
        assertTrue(deadLettered >= 1, "the dead-lettered event is not counted for the DLQ alert: " + deadLettered);
    }

    /**
     * The four records travel in one produce request, so the consumer takes them as one batch: the batch's
     * transaction fails on the poison, and the events are then applied one by one.
     */
    @Test
    void aBatchWithOnePoisonEventAppliesTheOthersOnceAndDeadLettersOnlyThePoison() throws Exception {
        String orderId = place(demoProduct(34), 1, "pm_card_visa");
        awaitStatus(orderId, "CONFIRMED", SAGA);
        CloudEvent first = refunded(orderId, 11);
        CloudEvent poison = new CloudEvent(UUID.randomUUID().toString(), "shop.payment.refunded.v9", "/test", orderId,
                Instant.now(), refunded(orderId, 12).data(), null);
        CloudEvent last = refunded(orderId, 13);

        TestKafka.sendTogether(List.of(first.toRecord("payments.events", orderId),
                poison.toRecord("payments.events", orderId), first.toRecord("payments.events", orderId),
                last.toRecord("payments.events", orderId)));

        await(SAGA, () -> details(orderId).contains("13 cents refunded"), () -> "event after the poison not applied");
        assertEquals(1, details(orderId).stream().filter("11 cents refunded"::equals).count());
        assertEquals(0, details(orderId).stream().filter("12 cents refunded"::equals).count());
        TestKafka.awaitRecord("payments.events.dlq", orderId, record -> poison.id().equals(
                TestKafka.header(record, CloudEvent.CE_ID)), Duration.ofSeconds(30));
        assertEquals(List.of(poison.id()), TestKafka.records("payments.events.dlq", orderId).stream()
                .map(record -> TestKafka.header(record, CloudEvent.CE_ID)).toList());
    }

    @Test
    void eventIsDeliveredAfterAKillBetweenCommitAndPublish() throws Exception {
        SagaServices.stopInventory();
        SagaServices.startInventory(Map.of("SHOP_OUTBOX_RELAY_ENABLED", "false"));
        try {
            String orderId = place(demoProduct(33), 1, "pm_card_visa");
            // inventory committed the reservation and its StockReserved, and cannot publish it
            await(Duration.ofSeconds(60), () -> unpublishedInventoryEvents(orderId) == 1,
                    () -> "no unpublished StockReserved");
            assertEquals("PENDING", Shop.status(orderId));

            SagaServices.killInventory(); // kill -9 between commit and publish
            SagaServices.startInventory(Map.of());

            awaitStatus(orderId, "CONFIRMED", SAGA);
            assertEquals(0, unpublishedInventoryEvents(orderId));
        } finally {
            if (!SagaServices.inventoryRunsNormally()) {
                SagaServices.stopInventory();
                SagaServices.startInventory(Map.of());
            }
        }
    }

    private static int unpublishedInventoryEvents(String orderId) {
        String url = TestServers.get().postgres().jdbcUrl("inventory");
        try (Connection connection = DriverManager.getConnection(url, "inventory", "inventory");
                PreparedStatement select = connection.prepareStatement(
                        "select count(*) from outbox_event where message_key = ? and published_at is null")) {
            select.setString(1, orderId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> details(String orderId) {
        return given().auth().oauth2(Tokens.alice()).get("/api/v1/orders/" + orderId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("steps.detail", String.class);
    }

    private static CloudEvent refunded(String orderId, long cents) {
        String data = """
                {"orderId": "%s", "paymentId": "%s", "amountCents": %d}""".formatted(orderId, UUID.randomUUID(), cents);
        return new CloudEvent(UUID.randomUUID().toString(), "shop.payment.refunded.v1", "/test", orderId,
                Instant.now(), data, null);
    }

    private static void send(String topic, String key, CloudEvent event) {
        TestKafka.send(event.toRecord(topic, key));
    }
}
