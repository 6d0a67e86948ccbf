package dev.shop.orders.service;

import static dev.shop.orders.Shop.availableStock;
import static dev.shop.orders.Shop.await;
import static dev.shop.orders.Shop.awaitStatus;
import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.order;
import static dev.shop.orders.Shop.paymentStatus;
import static dev.shop.orders.Shop.place;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

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

/**
 * The whole saga across real services: this order-service, and inventory-service, payment-service and the
 * psp-simulator as processes, over real Kafka and PostgreSQL, with real Keycloak tokens.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class OrderSagaTest {

    private static final Duration SAGA = Duration.ofSeconds(30);
    /** %test.shop.saga.deadline */
    private static final Duration TEST_DEADLINE = Duration.ofSeconds(20);

    @AfterEach
    void healthyPsp() {
        Shop.pspFaults(0, false);
    }

    @Test
    void happyPathEndsConfirmedWithStockSoldAndMoneyCaptured() {
        UUID product = demoProduct(11);
        int before = availableStock(product);

        String orderId = place(product, 2, "pm_card_visa");

        awaitStatus(orderId, "CONFIRMED", SAGA);
        given().auth().oauth2(Tokens.alice()).get("/api/v1/orders/" + orderId + "/timeline").then()
                .statusCode(200)
                .body("steps.step", hasItems("ORDER_PLACED", "STOCK_RESERVED", "PAYMENT_COMPLETED", "CONFIRMED"));
        assertEquals("CAPTURED", paymentStatus(orderId));
        assertEquals(before - 2, availableStock(product));
    }

    @Test
    void notEnoughStockCancelsWithOutOfStock() {
        UUID product = demoProduct(12);
        Shop.setStock(product, 1);

        String orderId = place(product, 2, "pm_card_visa");

        awaitStatus(orderId, "CANCELLED", SAGA);
        order(orderId).then().body("cancelReason", equalTo("OUT_OF_STOCK"));
        assertEquals(1, availableStock(product));
    }

    @Test
    void declinedCardCancelsAndReleasesTheStock() {
        UUID product = demoProduct(13);
        int before = availableStock(product);

        String orderId = place(product, 3, "pm_card_declined");

        awaitStatus(orderId, "CANCELLED", SAGA);
        order(orderId).then().body("cancelReason", equalTo("PAYMENT_DECLINED"));
        assertEquals("DECLINED", paymentStatus(orderId));
        await(SAGA, () -> availableStock(product) == before, () -> "stock not released: " + availableStock(product));
    }

    @Test
    void customerCancelWhileTheChargeIsInFlightIsRefunded() {
        UUID product = demoProduct(14);
        int before = availableStock(product);
        Shop.pspFaults(2000, false); // the charge takes 2 s: time to cancel while it runs

        String orderId = place(product, 1, "pm_card_visa");
        awaitStatus(orderId, "STOCK_RESERVED", SAGA);
        given().auth().oauth2(Tokens.alice()).post("/api/v1/orders/" + orderId + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("CUSTOMER_CANCELLED"));

        await(SAGA, () -> "REFUNDED".equals(paymentStatus(orderId)), () -> "payment " + paymentStatus(orderId));
        await(SAGA, () -> availableStock(product) == before, () -> "stock not released: " + availableStock(product));
        given().baseUri(SagaServices.pspUrl()).queryParam("reference", orderId).get("/v1/charges").then()
                .body("items.size()", equalTo(1))
                .body("items[0].amountRefundedCents", equalTo(order(orderId).path("totalCents")));
    }

    @Test
    void customerCancelWhileThePspIsDownKeepsNoMoney() {
        UUID product = demoProduct(15);
        int before = availableStock(product);
        Shop.pspFaults(0, true); // payment keeps backing off: the order waits in STOCK_RESERVED

        String orderId = place(product, 1, "pm_card_visa");
        awaitStatus(orderId, "STOCK_RESERVED", SAGA);
        given().auth().oauth2(Tokens.alice()).post("/api/v1/orders/" + orderId + "/cancel").then().statusCode(200);
        await(SAGA, () -> Shop.paymentKnowsOfCancel(orderId), () -> "payment-service did not see the cancellation");
        Shop.pspFaults(0, false); // recovery

        // Usually nothing was charged (CANCELLED); if an attempt leased before the cancel reached the recovered PSP,
        // its charge is refunded at once (REFUNDED). Either way the customer keeps the money.
        await(SAGA, () -> Set.of("CANCELLED", "REFUNDED").contains(paymentStatus(orderId)),
                () -> "payment " + paymentStatus(orderId));
        await(SAGA, () -> availableStock(product) == before, () -> "stock not released: " + availableStock(product));
        assertEquals(0, Shop.netCapturedAtPsp(orderId));
    }

    @Test
    void sagaDeadlineCancelsWithTimeoutWhileThePspIsDownThenNothingIsCharged() {
        UUID product = demoProduct(16);
        int before = availableStock(product);
        Shop.pspFaults(0, true);

        String orderId = place(product, 1, "pm_card_visa");

        awaitStatus(orderId, "CANCELLED", Duration.ofSeconds(60)); // test deadline: 20 s
        order(orderId).then().body("cancelReason", equalTo("TIMEOUT"));
        await(SAGA, () -> availableStock(product) == before, () -> "stock not released: " + availableStock(product));
        Shop.pspFaults(0, false); // recovery
        await(SAGA, () -> "CANCELLED".equals(paymentStatus(orderId)), () -> "payment " + paymentStatus(orderId));
    }

    @Test
    void sagaDeadlineWaitsWhilePaymentServiceIsStalledAndTheOrderIsConfirmedWhenItResumes() throws Exception {
        UUID product = demoProduct(25);
        String orderId;
        SagaServices.pausePayment();
        try {
            orderId = place(product, 1, "pm_card_visa");
            Instant deadline = Instant.parse(order(orderId).then().extract().<String>path("createdAt"))
                    .plus(TEST_DEADLINE);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 12_000); // 2 sweeps more

            assertEquals("STOCK_RESERVED", order(orderId).then().extract().path("status"),
                    "still open past its deadline, as its payment event is queued");
        } finally {
            SagaServices.resumePayment();
        }
        awaitStatus(orderId, "CONFIRMED", Duration.ofSeconds(60));
    }

    @Test
    void confirmedOrderCannotBeCancelled() {
        String orderId = place(demoProduct(17), 1, "pm_card_visa");
        awaitStatus(orderId, "CONFIRMED", SAGA);

        given().auth().oauth2(Tokens.alice()).post("/api/v1/orders/" + orderId + "/cancel").then()
                .statusCode(409).body("code", equalTo("ORDER_ALREADY_CONFIRMED"));
    }

    @Test
    void anotherCustomersOrderIs404() {
        String orderId = place(demoProduct(18), 1, "pm_card_visa");

        given().auth().oauth2(Tokens.bob()).get("/api/v1/orders/" + orderId).then().statusCode(404);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/orders/" + orderId).then().statusCode(200);
        given().baseUri(SagaServices.paymentUrl()).auth().oauth2(Tokens.bob()).queryParam("orderId", orderId)
                .get("/api/v1/payments").then().statusCode(404);
    }

    @Test
    void unknownProductIs422NotACancelledOrder() {
        Shop.placeOrder(Tokens.alice(), UUID.randomUUID().toString(), Shop.orderBody(UUID.randomUUID(), 1,
                "pm_card_visa"))
                .then().statusCode(422).body("code", equalTo("UNKNOWN_PRODUCT"))
                .body("violations[0].field", equalTo("lines[0].productId"));
    }

    @Test
    void concurrentOrdersForTheLastUnitsNeverOversell() throws Exception {
        UUID product = demoProduct(19);
        Shop.setStock(product, 3);
        java.util.List<String> ids;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(10)) {
            var placed = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> pool.submit(() -> place(product, 1, "pm_card_visa"))).toList();
            ids = new java.util.ArrayList<>();
            for (var future : placed) {
                ids.add(future.get());
            }
        }
        for (String id : ids) {
            await(SAGA, () -> java.util.Set.of("CONFIRMED", "CANCELLED").contains(Shop.status(id)),
                    () -> "order " + id + " still " + Shop.status(id));
        }

        long confirmed = ids.stream().filter(id -> "CONFIRMED".equals(Shop.status(id))).count();
        assertEquals(3, confirmed);
        ids.stream().filter(id -> "CANCELLED".equals(Shop.status(id)))
                .forEach(id -> order(id).then().body("cancelReason", equalTo("OUT_OF_STOCK")));
        assertEquals(0, availableStock(product));
    }

    /**
     * Places orders one after another and writes the saga completion time (ORDER_PLACED to CONFIRMED, from the
     * timeline) to target/saga-latency.txt for BENCHMARKS.md. Asserts the outcome, never a duration.
     */
    @Test
    void sagaCompletionTimeIsMeasured() throws Exception {
        java.util.List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String orderId = place(demoProduct(100 + i), 1, "pm_card_visa");
            awaitStatus(orderId, "CONFIRMED", SAGA);
            var steps = given().auth().oauth2(Tokens.alice()).get("/api/v1/orders/" + orderId + "/timeline")
                    .jsonPath();
            java.time.Instant placed = java.time.Instant.parse(steps.getString("steps.find { it.step == 'ORDER_PLACED' }.at"));
            java.time.Instant confirmed = java.time.Instant.parse(steps.getString("steps.find { it.step == 'CONFIRMED' }.at"));
            millis.add(java.time.Duration.between(placed, confirmed).toMillis());
        }
        java.util.Collections.sort(millis);
        String report = "saga completion (ORDER_PLACED -> CONFIRMED), %d sequential orders: p50 %d ms, p90 %d ms, max %d ms%n"
                .formatted(millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() * 9 / 10),
                        millis.getLast());
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/saga-latency.txt"), report);
        System.out.print(report);
    }
}
