package dev.shop.inventory.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.inventory.OrderEvents;
import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The saga-events channel outlasts a long stall: an event that cannot be applied for more than a minute (its product
 * row is locked, as it would be stuck in a database outage) is applied once it can be, and the events after it still
 * flow. The Kafka connector must not give up on an unacknowledged record while platform's EventRouter still retries
 * it (its throttled commit strategy closed the consumer after 60 s by default).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class SagaEventsConsumerTest {

    /** Longer than the connector's old default limit for an unacknowledged record (60 s). */
    static final Duration STALL = Duration.ofSeconds(75);

    @Inject
    DataSource dataSource;

    @Test
    void anEventStalledForMoreThanAMinuteIsAppliedAndTheEventsAfterItStillFlow() throws Exception {
        UUID stalledProduct = TestApi.createProduct(500, 10);
        UUID laterProduct = TestApi.createProduct(500, 10);

        try (Connection stall = dataSource.getConnection()) {
            stall.setAutoCommit(false);
            try (PreparedStatement lock = stall.prepareStatement("select 1 from products where id = ? for update")) {
                lock.setObject(1, stalledProduct);
                lock.execute();
            }
            OrderEvents.created(UUID.randomUUID(), stalledProduct, 1);
            Thread.sleep(STALL.toMillis());
            stall.rollback();
        }

        Duration applied = OrderEvents.APPLIED_WITHIN.plusSeconds(30); // the stalled batch may be in a retry backoff
        TestApi.eventually(applied, "the stalled event applied", () -> TestApi.availableStock(stalledProduct) == 9);
        OrderEvents.created(UUID.randomUUID(), laterProduct, 1);
        TestApi.eventually(applied, "an event sent after the stall applied",
                () -> TestApi.availableStock(laterProduct) == 9);
    }
}
