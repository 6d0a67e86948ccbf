package dev.shop.inventory.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shop.inventory.RowLocks;
import dev.shop.inventory.TestApi;
import dev.shop.inventory.service.StockService;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reserving and releasing lock an order's product rows in one order, by id, so two transactions touching the same
 * products never deadlock. Each test holds the row of the lower id, lets the operation run into it, and checks
 * that the operation had not locked the higher id's row before.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class LockOrderTest {

    @Inject
    StockReservations reservations;

    @Inject
    StockService stock;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aReleaseLocksItsProductsInIdOrderWhateverOrderItsLinesAreStoredIn() throws Exception {
        List<UUID> products = twoProductsInIdOrder();
        UUID order = reservedWithLinesStored(products.reversed());

        assertLocksLowerIdFirst(products, () -> reservations.release(order));

        assertEquals(List.of(10, 10), products.stream().map(this::availableInDatabase).toList());
    }

    @Test
    void aReservationLocksItsProductsInIdOrderWhateverOrderItsLinesArriveIn() throws Exception {
        List<UUID> products = twoProductsInIdOrder();
        List<ReservationEvents.Line> lines = products.reversed().stream()
                .map(product -> new ReservationEvents.Line(product, 1))
                .toList();

        assertLocksLowerIdFirst(products, () -> reservations.reserve(UUID.randomUUID(), lines));

        assertEquals(List.of(9, 9), products.stream().map(this::availableInDatabase).toList());
    }

    /** Runs {@code operation} in a transaction while the lower id's row is locked, then lets it finish. */
    private void assertLocksLowerIdFirst(List<UUID> products, Runnable operation) throws Exception {
        RowLocks locks = new RowLocks(dataSource);
        Future<?> running;
        try (RowLocks.Held lower = locks.hold("products", "id", products.getFirst())) {
            running = pool.submit(() -> QuarkusTransaction.requiringNew().run(operation));
            locks.awaitWaiting(1);
            assertFalse(locks.isLocked("products", "id", products.getLast()),
                    "the higher id's row was locked before the lower id's");
        }
        running.get(30, TimeUnit.SECONDS);
    }

    private static List<UUID> twoProductsInIdOrder() {
        return Stream.of(TestApi.createProduct(500, 10), TestApi.createProduct(500, 10))
                .sorted(Comparator.comparing(UUID::toString)) // PostgreSQL's order of uuids
                .toList();
    }

    /**
     * A RESERVED reservation of one unit of each product whose lines are stored in this order (nothing makes the
     * database answer them in the order they were reserved in), the units taken as a reservation takes them.
     */
    private UUID reservedWithLinesStored(List<UUID> products) {
        UUID order = UUID.randomUUID();
        products.forEach(product -> stock.take(product, 1, order));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into stock_reservation (order_id, status, created_at, updated_at, version) "
                    + "values (?1, 'RESERVED', now(), now(), 0)")
                    .setParameter(1, order)
                    .executeUpdate();
            for (UUID product : products) {
                em.createNativeQuery("insert into stock_reservation_line (order_id, product_id, quantity) "
                        + "values (?1, ?2, 1)")
                        .setParameter(1, order)
                        .setParameter(2, product)
                        .executeUpdate();
            }
        });
        return order;
    }

    private int availableInDatabase(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select available_stock from products where id = ?1")
                .setParameter(1, product)
                .getSingleResult()).intValue());
    }
}
