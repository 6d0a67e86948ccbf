package dev.shop.inventory.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import dev.shop.inventory.OrderEvents;
import dev.shop.inventory.TestApi;
import dev.shop.inventory.domain.Product;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every change of available stock appends its movement to the stock ledger, which always sums to the stock. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class StockLedgerTest {

    @Inject
    StockService stock;

    @Inject
    EntityManager em;

    @Test
    void createAdminSetReserveAndReleaseAreMovementsThatSumToTheAvailableStock() {
        UUID product = TestApi.createProduct(500, 10);
        TestApi.setStock(product, 15);
        UUID order = UUID.randomUUID();
        OrderEvents.created(order, product, 4);
        TestApi.eventually(OrderEvents.APPLIED_WITHIN, "4 reserved", () -> TestApi.availableStock(product) == 11);
        OrderEvents.cancelled(order);
        TestApi.eventually(OrderEvents.APPLIED_WITHIN, "4 released", () -> TestApi.availableStock(product) == 15);

        assertEquals(List.of("INITIAL +10", "ADMIN_SET +5", "RESERVED -4 for " + order, "RELEASED +4 for " + order),
                movements(product));
        assertEquals(availableInDatabase(product), ledgerBalance(product));
    }

    @Test
    void concurrentAdminSetsAndTakesKeepTheLedgerInStepWithTheStock() throws Exception {
        UUID product = TestApi.createProduct(500, 50);
        String admin = Tokens.admin();
        List<Callable<Object>> changes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int available = 100 + i;
            changes.add(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("available", available)).when().put("/api/v1/products/{id}/stock", product)
                    .then().statusCode(200));
            changes.add(() -> stock.take(product, 7, UUID.randomUUID()));
            changes.add(() -> stock.take(product, 3, UUID.randomUUID()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (Future<Object> change : pool.invokeAll(changes)) {
                change.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(availableInDatabase(product), ledgerBalance(product),
                "each admin set recorded new - old of the row it changed: " + movements(product));
    }

    @Test
    void aSecondReleaseOfTheSameOrderIsRefusedAndChangesNothing() {
        UUID product = TestApi.createProduct(500, 10);
        UUID order = UUID.randomUUID();
        stock.take(product, 2, order);
        stock.putBack(product, 2, order);

        ConstraintViolationException refused = assertThrows(ConstraintViolationException.class,
                () -> stock.putBack(product, 2, order));
        assertEquals("stock_movement_once_per_order", refused.getConstraintName());
        assertEquals(10, TestApi.availableStock(product));
    }

    /** The product's movements in order, e.g. {@code RESERVED -4 for <order id>}. */
    @SuppressWarnings("unchecked")
    private List<String> movements(UUID product) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select reason, delta, order_id from stock_movement where product_id = ?1 order by seq")
                .setParameter(1, product)
                .getResultList());
        return rows.stream()
                .map(row -> row[0] + " " + (((Number) row[1]).intValue() > 0 ? "+" : "") + row[1]
                        + (row[2] == null ? "" : " for " + row[2]))
                .toList();
    }

    private int availableInDatabase(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(Product.class, product).availableStock());
    }

    private long ledgerBalance(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(sum(delta), 0) from stock_movement where product_id = ?1")
                .setParameter(1, product)
                .getSingleResult()).longValue());
    }
}
