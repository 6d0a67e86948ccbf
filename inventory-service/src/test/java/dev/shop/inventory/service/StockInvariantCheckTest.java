package dev.shop.inventory.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.shop.inventory.OrderEvents;
import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.InvariantChecker;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestServers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link InvariantChecker#checkStock} against this module's real inventory database: quiet for stock that adds up,
 * precise about what broke otherwise. Broken states are made with SQL, the way a bug would leave them. Other test
 * classes take stock without reservations, so each test looks only at its own product.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class StockInvariantCheckTest {

    @Inject
    EntityManager em;

    @Test
    void stockThatIsHeldSoldAndRestockedAddsUp() {
        UUID product = TestApi.createProduct(500, 10);
        reserved(product, 3);
        sold(product, 2);
        TestApi.setStock(product, 20);

        assertEquals(List.of(), stockViolationsOf(product));
    }

    @Test
    void stockChangedBehindTheLedgersBackIsReported() {
        UUID product = TestApi.createProduct(500, 10);
        sql("update products set available_stock = 13 where id = ?1", product);

        assertEquals(List.of(
                "product " + product + ": available 13 but its stock movements sum to 10 (a change of stock bypassed "
                        + "the ledger)",
                "product " + product + ": stocked 10 (initial + admin sets) but available 13 + held 0 + sold 0 = 13 "
                        + "(oversold or released twice)"),
                stockViolationsOf(product));
    }

    @Test
    void aReleaseThatDidNotGiveTheUnitsBackIsReported() {
        UUID product = TestApi.createProduct(500, 10);
        UUID order = reserved(product, 4);
        sql("update stock_reservation set status = 'RELEASED' where order_id = ?1", order);

        assertEquals(List.of("product " + product + ": stocked 10 (initial + admin sets) but available 6 + held 0 "
                + "+ sold 0 = 6 (units lost, e.g. a release that did not give them back)"),
                stockViolationsOf(product));
    }

    @Test
    void unitsSoldTwiceAreReported() {
        UUID product = TestApi.createProduct(500, 1);
        sold(product, 1);
        UUID second = UUID.randomUUID(); // sold the same last unit without taking it from the stock
        sql("insert into stock_reservation (order_id, status, created_at, updated_at, version) "
                + "values (?1, 'COMMITTED', now(), now(), 0)", second);
        sql("insert into stock_reservation_line (order_id, product_id, quantity) values (?1, ?2, 1)", second, product);

        assertEquals(List.of("product " + product + ": stocked 1 (initial + admin sets) but available 0 + held 0 "
                + "+ sold 2 = 2 (oversold or released twice)"),
                stockViolationsOf(product));
    }

    private static List<String> stockViolationsOf(UUID product) {
        return InvariantChecker.checkStock(database -> TestServers.get().postgres().jdbcUrl(database),
                database -> database).stream()
                .filter(violation -> violation.contains(product.toString()))
                .toList();
    }

    /** An order for {@code quantity} of the product whose units inventory now holds (OrderCreated applied). */
    private UUID reserved(UUID product, int quantity) {
        UUID order = UUID.randomUUID();
        OrderEvents.created(order, product, quantity);
        awaitReservation(order, "RESERVED");
        return order;
    }

    /** An order for {@code quantity} of the product whose units are sold (OrderCreated and OrderConfirmed applied). */
    private UUID sold(UUID product, int quantity) {
        UUID order = reserved(product, quantity);
        OrderEvents.confirmed(order);
        awaitReservation(order, "COMMITTED");
        return order;
    }

    private void awaitReservation(UUID order, String status) {
        TestApi.eventually(OrderEvents.APPLIED_WITHIN, "reservation of " + order + " " + status, () -> {
            List<?> found = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select status from stock_reservation where order_id = ?1")
                    .setParameter(1, order)
                    .getResultList());
            return found.equals(List.of(status));
        });
    }

    private void sql(String statement, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }
}
