package dev.shop.orders.rest;

import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.place;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * Cancels of one order that race each other (a double click, a client retrying): each waits for the order's row
 * lock in turn and answers with the order as it then is (200, or 409 once confirmed), never a 500. Found by the
 * fuzz suite: while one request held the lock, loading the order with a lock failed in the others.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class ConcurrentCancelTest {

    @Test
    void cancelsOfOneOrderRacingEachOtherNeverFail() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String orderId = place(demoProduct(71 + round), 1, "pm_card_visa");
            statuses.addAll(cancelAtOnce(orderId, 12));
            String status = Shop.status(orderId);
            assertTrue(Set.of("CANCELLED", "CONFIRMED").contains(status), "order " + orderId + " is " + status);
        }
        assertEquals(List.of(), statuses.stream().filter(status -> status != 200 && status != 409).toList(),
                "answers other than 200 and 409 among " + statuses);
    }

    private static List<Integer> cancelAtOnce(String orderId, int requests) throws Exception {
        String token = Tokens.alice();
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(token)
                        .post("/api/v1/orders/" + orderId + "/cancel").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
