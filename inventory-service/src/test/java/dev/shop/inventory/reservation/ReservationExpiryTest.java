package dev.shop.inventory.reservation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.shop.inventory.OrderEvents;
import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reservation neither confirmed nor cancelled within {@code shop.reservations.expire-after} (seconds in tests) is
 * released by the expiry job as a cancel would release it, and a late decision about it changes no stock.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class ReservationExpiryTest {

    @ConfigProperty(name = "shop.reservations.expire-after")
    Duration expireAfter;

    @Inject
    EntityManager em;

    @Test
    void aReservationNeitherConfirmedNorCancelledInTimeExpiresAndGivesItsUnitsBack() {
        UUID product = TestApi.createProduct(500, 10);
        double expiredBefore = expiredCount();

        UUID order = reserved(product, 3);
        awaitStatus(order, "EXPIRED", expiryWait());

        assertEquals(10, availableInDatabase(product));
        assertEquals(List.of("RESERVED -3", "RELEASED +3"), movementsOf(order));
        assertEquals(List.of(ReservationEvents.STOCK_RESERVED, ReservationEvents.STOCK_RELEASED), eventsOf(order));
        assertTrue(expiredCount() >= expiredBefore + 1, "shop_reservations_expired_total counted it");
    }

    @Test
    void anOrderConfirmedAfterItsReservationExpiredTakesNoStock() {
        UUID product = TestApi.createProduct(500, 10);
        UUID order = reserved(product, 3);
        awaitStatus(order, "EXPIRED", expiryWait());

        String confirmed = OrderEvents.confirmed(order);
        TestApi.eventually(OrderEvents.APPLIED_WITHIN, "OrderConfirmed applied", () -> processed(confirmed));

        assertEquals("EXPIRED", statusOf(order));
        assertEquals(10, availableInDatabase(product));
        assertEquals(List.of("RESERVED -3", "RELEASED +3"), movementsOf(order));
        assertEquals(List.of(ReservationEvents.STOCK_RESERVED, ReservationEvents.STOCK_RELEASED), eventsOf(order));
    }

    private Duration expiryWait() {
        return expireAfter.plus(OrderEvents.APPLIED_WITHIN);
    }

    /** An order whose OrderCreated inventory applied through its consumer: its units are held. */
    private UUID reserved(UUID product, int quantity) {
        UUID order = UUID.randomUUID();
        OrderEvents.created(order, product, quantity);
        awaitStatus(order, "RESERVED", OrderEvents.APPLIED_WITHIN);
        return order;
    }

    private void awaitStatus(UUID order, String status, Duration within) {
        TestApi.eventually(within, "reservation of " + order + " " + status, () -> status.equals(statusOf(order)));
    }

    private String statusOf(UUID order) {
        List<?> found = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select status from stock_reservation where order_id = ?1")
                .setParameter(1, order)
                .getResultList());
        return found.isEmpty() ? null : (String) found.getFirst();
    }

    private boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "select 1 from processed_event where consumer = 'inventory-service' and event_id = ?1")
                .setParameter(1, eventId)
                .getResultList().isEmpty());
    }

    private int availableInDatabase(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select available_stock from products where id = ?1")
                .setParameter(1, product)
                .getSingleResult()).intValue());
    }

    /** The order's stock movements in order, e.g. {@code RESERVED -3}. */
    @SuppressWarnings("unchecked")
    private List<String> movementsOf(UUID order) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select reason, delta from stock_movement where order_id = ?1 order by seq")
                .setParameter(1, order)
                .getResultList());
        return rows.stream()
                .map(row -> row[0] + " " + (((Number) row[1]).intValue() > 0 ? "+" : "") + row[1])
                .toList();
    }

    /** The types of the events inventory published about the order, in order. */
    @SuppressWarnings("unchecked")
    private List<String> eventsOf(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select type from outbox_event where message_key = ?1 order by seq")
                .setParameter(1, order.toString())
                .getResultList());
    }

    private static double expiredCount() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "shop_reservations_expired_total");
    }
}
