package dev.shop.inventory.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shop.inventory.RowLocks;
import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Decisions about one reservation never interleave: each locks the reservation's row before it reads the
 * reservation, so it sees what the decision before it left.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class ConcurrentDecisionsTest {

    @Inject
    StockReservations reservations;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aConfirmAndACancelOfOneOrderArrivingAtOnceApplyExactlyOneOfThem() throws Exception {
        UUID product = TestApi.createProduct(500, 10);
        UUID order = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> reservations.reserve(order, List.of(line(product, 2))));

        RowLocks locks = new RowLocks(dataSource);
        Future<?> commit;
        Future<?> release;
        try (RowLocks.Held reservation = locks.hold("stock_reservation", "order_id", order)) {
            commit = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> reservations.commit(order)));
            release = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> reservations.release(order)));
            locks.awaitWaiting(2); // both have started and wait for the reservation: let them go at once
        }
        commit.get(30, TimeUnit.SECONDS);
        release.get(30, TimeUnit.SECONDS);

        String status = statusOf(order);
        assertTrue(Set.of("COMMITTED", "RELEASED").contains(status), "reservation " + status);
        assertEquals(status.equals("COMMITTED") ? 8 : 10, availableInDatabase(product), "stock after " + status);
        assertEquals(availableInDatabase(product), ledgerBalance(product));
    }

    @Test
    void anOrderCreatedAndCancelledInOneBatchGivesItsUnitsBack() {
        UUID product = TestApi.createProduct(500, 10);
        UUID order = UUID.randomUUID();

        QuarkusTransaction.requiringNew().run(() -> { // a batch of events is applied in one transaction
            reservations.reserve(order, List.of(line(product, 3)));
            reservations.release(order);
        });

        assertEquals("RELEASED", statusOf(order));
        assertEquals(10, availableInDatabase(product));
    }

    private static ReservationEvents.Line line(UUID product, int quantity) {
        return new ReservationEvents.Line(product, quantity);
    }

    private String statusOf(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select status from stock_reservation where order_id = ?1")
                .setParameter(1, order)
                .getSingleResult());
    }

    private int availableInDatabase(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select available_stock from products where id = ?1")
                .setParameter(1, product)
                .getSingleResult()).intValue());
    }

    private int ledgerBalance(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(sum(delta), 0) from stock_movement where product_id = ?1")
                .setParameter(1, product)
                .getSingleResult()).intValue());
    }
}
