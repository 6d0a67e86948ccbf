package dev.shop.inventory.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Stock never goes below zero, whatever runs at the same time. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class StockServiceTest {

    @Inject
    StockService stock;

    @Test
    void concurrentStockUpdatesNeverGoNegative() throws Exception {
        UUID id = TestApi.createProduct(500, 50);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            takes.add(() -> stock.take(id, 1, UUID.randomUUID()));
        }
        for (int i = 0; i < 10; i++) {
            takes.add(() -> stock.take(id, 3, UUID.randomUUID()));
        }
        int taken = 0;
        try {
            List<Future<Boolean>> results = pool.invokeAll(takes);
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).get()) {
                    taken += i < 80 ? 1 : 3;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int available = given().when().get("/api/v1/products/{id}", id)
                .then().statusCode(200).extract().path("availableStock");
        assertTrue(available >= 0, "never negative: " + available);
        assertEquals(50, taken + available, "every unit is either still available or was taken once");
        assertTrue(available < 3, "takes stop only when too little is left: " + available);
    }

    @Test
    void takeMoreThanAvailableChangesNothing() {
        UUID id = TestApi.createProduct(500, 2);
        UUID order = UUID.randomUUID();
        assertEquals(false, stock.take(id, 3, order));
        assertEquals(true, stock.take(id, 2, order));
        assertEquals(false, stock.take(id, 1, order));
        stock.putBack(id, 1, order);
        given().when().get("/api/v1/products/{id}", id).then().body("availableStock", equalTo(1));
    }

    @Test
    void concurrentStockSetsLeaveOneOfTheSetValues() throws Exception {
        UUID id = TestApi.createProduct(500, 5);
        String admin = Tokens.admin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> sets = new ArrayList<>();
        for (int value = 100; value < 120; value++) {
            int available = value;
            sets.add(() -> given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("available", available))
                    .when().put("/api/v1/products/{id}/stock", id).then().extract().statusCode());
        }
        try {
            for (Future<Integer> status : pool.invokeAll(sets)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int available = given().when().get("/api/v1/products/{id}", id).then().extract().path("availableStock");
        assertTrue(available >= 100 && available < 120, "one of the values set: " + available);
        assertEquals(available, stock.take(id, available, UUID.randomUUID()) ? available : -1,
                "what the API shows is what the database has");
    }

    @Test
    void negativeStockIs400() {
        UUID id = TestApi.createProduct(500, 5);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("available", -1))
                .when().put("/api/v1/products/{id}/stock", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("violations[0].field", equalTo("available"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/products/{id}/stock", id)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("available", 1))
                .when().put("/api/v1/products/{id}/stock", UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PRODUCT_NOT_FOUND"));
    }
}
