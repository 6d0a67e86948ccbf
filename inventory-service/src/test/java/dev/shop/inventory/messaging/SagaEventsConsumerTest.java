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
        UUID stalledOrder = UUID.randomUUID();
        UUID laterOrder = UUID.randomUUID();

        try (Connection stall = dataSource.getConnection()) {
            stall.setAutoCommit(false);
            try (PreparedStatement lock = stall.prepareStatement("select 1 from products where id = ? for update")) {
                lock.setObject(1, stalledProduct);
                lock.execute();
            }
            OrderEvents.created(stalledOrder, stalledProduct, 1);
            Thread.sleep(STALL.toMillis());
            stall.rollback();
        }

        // The witness is the reservation, not the stock: this module's tests expire a reservation after 10 s, and
        // the stalled one is overdue as soon as it is made, so its unit may be back on the shelf at once.
        Duration applied = OrderEvents.APPLIED_WITHIN.plusSeconds(30); // the stalled batch may be in a retry backoff
        TestApi.eventually(applied, "the stalled event applied", () -> hasReservation(stalledOrder));
        OrderEvents.created(laterOrder, laterProduct, 1);
        TestApi.eventually(applied, "an event sent after the stall applied", () -> hasReservation(laterOrder));
    }

    private boolean hasReservation(UUID order) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select 1 from stock_reservation where order_id = ?")) {
            query.setObject(1, order);
            return query.executeQuery().next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
