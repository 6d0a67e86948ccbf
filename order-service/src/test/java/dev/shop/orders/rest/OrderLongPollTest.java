package dev.shop.orders.rest;

import static dev.shop.orders.Shop.awaitStatus;
import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.place;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shop.orders.SagaServices;
import dev.shop.orders.Shop;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code GET /orders/{id}} with {@code Prefer: wait=N} (RFC 7240) against the real saga: the answer comes when the
 * order's status changes, or after N seconds. Durations are asserted with wide margins (the box is shared): a long
 * poll woken by a change answers in far less than its wait, one that sees no change in about its wait.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class OrderLongPollTest {

    private static final Duration SAGA = Duration.ofSeconds(30);
    private static final Duration WELL_BEFORE_THE_WAIT = Duration.ofSeconds(10);

    @AfterEach
    void healthyPsp() {
        Shop.pspFaults(0, false);
    }

    /** A long poll and how long it took. */
    private record Answer(Response response, Duration took) {

        String status() {
            return response.then().statusCode(200).extract().path("status");
        }
    }

    private static Answer longPoll(String token, String orderId, String prefer) {
        long start = System.nanoTime();
        Response response = given().auth().oauth2(token).header("Prefer", prefer).when()
                .get("/api/v1/orders/" + orderId);
        return new Answer(response, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The order is held in STOCK_RESERVED (the processor is down, the payment backs off) before the long poll starts:
     * a long poll answers when the order leaves the status it had at the poll's first read, so the test must know that
     * status. (It once raced the saga: when the first read came after the stock was reserved, the poll rightly waited
     * for CONFIRMED, and the test then waited in vain for STOCK_RESERVED.)
     */
    @Test
    void longPollAnswersAsSoonAsTheSagaMovesTheOrder() throws Exception {
        Shop.pspFaults(0, true);
        String orderId = place(demoProduct(61), 1, "pm_card_visa");
        awaitStatus(orderId, "STOCK_RESERVED", SAGA);

        CompletableFuture<Answer> poll = CompletableFuture.supplyAsync(() -> longPoll(Tokens.alice(), orderId, "wait=20"));
        Thread.sleep(500);
        Shop.pspFaults(0, false); // the payment goes through at its next retry

        Answer moved = poll.get();
        assertEquals("CONFIRMED", moved.status());
        assertTrue(moved.took().compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + moved.took());
        assertEquals("wait=20", moved.response().header("Preference-Applied"));
    }

    @Test
    void customerCancelWakesALongPoll() throws Exception {
        Shop.pspFaults(0, true); // payment keeps backing off: the order waits in STOCK_RESERVED
        String orderId = place(demoProduct(62), 1, "pm_card_visa");
        awaitStatus(orderId, "STOCK_RESERVED", SAGA);

        CompletableFuture<Answer> poll = CompletableFuture.supplyAsync(() -> longPoll(Tokens.alice(), orderId, "wait=20"));
        Thread.sleep(500);
        given().auth().oauth2(Tokens.alice()).post("/api/v1/orders/" + orderId + "/cancel").then().statusCode(200);

        Answer cancelled = poll.get();
        assertEquals("CANCELLED", cancelled.status());
        assertTrue(cancelled.took().compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + cancelled.took());
    }

    @Test
    void longPollOnAFinishedOrderAnswersAtOnce() {
        String orderId = place(demoProduct(63), 1, "pm_card_visa");
        awaitStatus(orderId, "CONFIRMED", SAGA);

        Answer confirmed = longPoll(Tokens.alice(), orderId, "wait=20");
        assertEquals("CONFIRMED", confirmed.status());
        assertTrue(confirmed.took().compareTo(Duration.ofSeconds(3)) < 0, "took " + confirmed.took());
    }

    @Test
    void longPollWithoutAChangeAnswersTheSameStateAfterItsWait() {
        Shop.pspFaults(0, true);
        String orderId = place(demoProduct(64), 1, "pm_card_visa");
        awaitStatus(orderId, "STOCK_RESERVED", SAGA);

        Answer unchanged = longPoll(Tokens.alice(), orderId, "wait=2");
        assertEquals("STOCK_RESERVED", unchanged.status());
        assertTrue(unchanged.took().compareTo(Duration.ofMillis(1900)) >= 0, "took " + unchanged.took());
        assertTrue(unchanged.took().compareTo(WELL_BEFORE_THE_WAIT) < 0, "took " + unchanged.took());
        assertEquals("wait=2", unchanged.response().header("Preference-Applied"));
    }

    @Test
    void anotherCustomersOrderIs404WithoutWaiting() {
        Shop.pspFaults(0, true); // the order stays open: a wait would be honoured if the caller could see it
        String orderId = place(demoProduct(65), 1, "pm_card_visa");

        Answer bob = longPoll(Tokens.bob(), orderId, "wait=20");
        bob.response().then().statusCode(404).contentType("application/problem+json");
        assertTrue(bob.took().compareTo(Duration.ofSeconds(3)) < 0, "took " + bob.took());
        assertNull(bob.response().header("Preference-Applied"));
    }

    @Test
    void invalidOrAbsentWaitAnswersAtOnceAsBefore() {
        Shop.pspFaults(0, true);
        String orderId = place(demoProduct(66), 1, "pm_card_visa");

        Answer invalid = longPoll(Tokens.alice(), orderId, "wait=soon");
        invalid.response().then().statusCode(200);
        assertTrue(invalid.took().compareTo(Duration.ofSeconds(3)) < 0, "took " + invalid.took());
        assertNull(invalid.response().header("Preference-Applied"));
    }
}
