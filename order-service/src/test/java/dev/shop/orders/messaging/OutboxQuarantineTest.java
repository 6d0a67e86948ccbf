package dev.shop.orders.messaging;

import static dev.shop.orders.Shop.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.orders.SagaServices;
import dev.shop.platform.events.CloudEvent;
import dev.shop.platform.outbox.Outbox;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestKafka;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An outbox row whose record can never be published (larger than the producer's max.request.size, 1 MiB) is
 * quarantined by the relay, and the event after it is published and marked published instead of waiting behind it
 * forever (docs/adr/0022-outbox-quarantine.md). The events are appended through the real {@link Outbox} and
 * published by order-service's own relay to the real Kafka.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class OutboxQuarantineTest {

    private static final String TOPIC = "orders.events";
    /** A family no consumer of orders.events handles, so inventory- and payment-service ignore these events. */
    private static final String TOO_LARGE = "shop.test.quarantine-probe.too-large.v1";
    private static final String AFTER = "shop.test.quarantine-probe.after.v1";

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void aRecordThatCanNeverBePublishedIsQuarantinedAndTheEventsAfterItArePublished() {
        double quarantinedBefore = quarantinedTotal();
        String key = UUID.randomUUID().toString();
        UUID[] ids = new UUID[2];
        QuarkusTransaction.requiringNew().run(() -> {
            ids[0] = outbox.append(TOPIC, key, TOO_LARGE, Map.of("padding", "x".repeat(1_100_000)));
            ids[1] = outbox.append(TOPIC, key, AFTER, Map.of("n", 1));
        });
        UUID tooLarge = ids[0];
        UUID after = ids[1];

        TestKafka.awaitRecord(TOPIC, key, record -> after.toString().equals(TestKafka.header(record, CloudEvent.CE_ID)),
                Duration.ofSeconds(30));
        // not only sent: the relay committed the batch, so the row after the large one is done with
        await(Duration.ofSeconds(30), () -> row(after).publishedAt() != null, () -> "the event after the large one"
                + " was sent but is not marked published: " + row(after));
        assertEquals(1, TestKafka.records(TOPIC, key).size(), "published once, not again and again");

        Row large = row(tooLarge);
        assertNotNull(large.quarantinedAt(), "the large row is not quarantined: " + large);
        assertNull(large.publishedAt(), large.toString());
        assertTrue(large.reason().startsWith("RecordTooLargeException: "), large.reason());
        assertEquals(quarantinedBefore + 1, quarantinedTotal(), "shop_outbox_quarantined_total");
        await(Duration.ofSeconds(30), () -> metric("shop_outbox_quarantined_rows") >= 1,
                () -> "the gauge of rows in quarantine does not count it");
    }

    private record Row(Timestamp publishedAt, Timestamp quarantinedAt, String reason) {
    }

    private Row row(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select published_at, quarantined_at, quarantine_reason from outbox_event where id = ?")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "no outbox row " + id);
                return new Row(rows.getTimestamp(1), rows.getTimestamp(2), rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double quarantinedTotal() {
        return metric("shop_outbox_quarantined_total");
    }

    private static double metric(String name) {
        return PrometheusText.sum(given().when().get("/q/metrics").asString(), name);
    }
}
