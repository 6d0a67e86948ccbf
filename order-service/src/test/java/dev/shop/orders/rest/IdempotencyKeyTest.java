package dev.shop.orders.rest;

import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.orderBody;
import static dev.shop.orders.Shop.placeOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.shop.orders.SagaServices;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** docs/design.md section 6 on POST /orders, against the real database. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class IdempotencyKeyTest {

    @TestHTTPResource("/api/v1/orders")
    URL orders;

    @Inject
    EntityManager em;

    @Test
    void missingKeyIs400() {
        io.restassured.RestAssured.given().auth().oauth2(Tokens.alice()).contentType(ContentType.JSON)
                .body(orderBody(demoProduct(20), 1, "pm_card_visa"))
                .when().post("/api/v1/orders")
                .then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_MISSING"));
    }

    @Test
    void sameKeySameBodyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String body = orderBody(demoProduct(21), 1, "pm_card_visa");
        Response first = placeOrder(Tokens.alice(), key, body);
        // The same request, written differently (spacing): same fingerprint.
        Response second = placeOrder(Tokens.alice(), key, body.replace(": ", ":"));

        assertEquals(201, first.statusCode());
        assertEquals(201, second.statusCode());
        assertEquals(first.asString(), second.asString());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(null, first.header("Idempotent-Replayed"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(1, ordersOf(demoProduct(21)));
    }

    @Test
    void sameKeyDifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        placeOrder(Tokens.alice(), key, orderBody(demoProduct(22), 1, "pm_card_visa")).then().statusCode(201);

        placeOrder(Tokens.alice(), key, orderBody(demoProduct(22), 2, "pm_card_visa"))
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, ordersOf(demoProduct(22)));
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String body = orderBody(demoProduct(23), 1, "pm_card_visa");
        String alices = placeOrder(Tokens.alice(), key, body).then().statusCode(201).extract().path("id");
        String bobs = placeOrder(Tokens.bob(), key, body).then().statusCode(201).extract().path("id");

        assertNotEquals(alices, bobs);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyMakeOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String token = Tokens.alice();
        String body = orderBody(demoProduct(24), 1, "pm_card_visa");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(orders.toString()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            int created = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertTrue(response.statusCode() == 201 || response.statusCode() == 409,
                        "status " + response.statusCode() + " " + response.body());
                if (response.statusCode() == 201) {
                    created++;
                    bodies.add(response.body());
                } else {
                    assertTrue(response.body().contains("IDEMPOTENCY_KEY_IN_FLIGHT"), response.body());
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                }
            }
            assertTrue(created >= 1);
            assertEquals(1, bodies.size(), "every 201 is the same order");
        }
        assertEquals(1, ordersOf(demoProduct(24)));
        // After the race, a retry replays.
        placeOrder(token, key, body).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    private long ordersOf(UUID product) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(distinct o) from Order o join o.lines l where l.productId = :product", Long.class)
                .setParameter("product", product).getSingleResult());
    }
}
