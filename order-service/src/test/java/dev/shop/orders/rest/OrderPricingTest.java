package dev.shop.orders.rest;

import static dev.shop.orders.Shop.demoProduct;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

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
 * POST /orders prices every line at inventory's current price, reading all of the order's products in one call to
 * inventory-service (ADR 0023), and names each line whose product the catalog does not have.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class OrderPricingTest {

    @Test
    void anOrderOfThreeProductsIsPricedFromOneCatalogRead() {
        UUID first = demoProduct(61);
        UUID second = demoProduct(62);
        UUID third = demoProduct(63);
        long firstPrice = priceOf(first);
        long secondPrice = priceOf(second);
        long thirdPrice = priceOf(third);
        long before = catalogReads("/api/v1/products");
        long singleReadsBefore = catalogReads("/api/v1/products/{id}");

        Shop.placeOrder(Tokens.alice(), UUID.randomUUID().toString(), """
                {"lines": [{"productId": "%s", "quantity": 1}, {"productId": "%s", "quantity": 2},
                           {"productId": "%s", "quantity": 3}], "paymentMethod": "pm_card_visa"}"""
                .formatted(first, second, third))
                .then().statusCode(201)
                .body("lines", hasSize(3))
                .body("lines[0].unitPriceCents", equalTo((int) firstPrice))
                .body("lines[1].unitPriceCents", equalTo((int) secondPrice))
                .body("lines[2].unitPriceCents", equalTo((int) thirdPrice))
                .body("totalCents", equalTo((int) (firstPrice + 2 * secondPrice + 3 * thirdPrice)));

        assertEquals(before + 1, catalogReads("/api/v1/products"), "one read of the order's products");
        assertEquals(singleReadsBefore, catalogReads("/api/v1/products/{id}"), "no read product by product");
    }

    @Test
    void onlyTheLinesOfUnknownProductsAreNamed() {
        Shop.placeOrder(Tokens.alice(), UUID.randomUUID().toString(), """
                {"lines": [{"productId": "%s", "quantity": 1}, {"productId": "%s", "quantity": 1},
                           {"productId": "%s", "quantity": 1}], "paymentMethod": "pm_card_visa"}"""
                .formatted(demoProduct(64), UUID.randomUUID(), UUID.randomUUID()))
                .then().statusCode(422)
                .body("code", equalTo("UNKNOWN_PRODUCT"))
                .body("violations", hasSize(2))
                .body("violations[0].field", equalTo("lines[1].productId"))
                .body("violations[1].field", equalTo("lines[2].productId"));
    }

    private static long priceOf(UUID product) {
        return given().baseUri(SagaServices.inventoryUrl()).get("/api/v1/products/{id}", product)
                .then().statusCode(200).extract().jsonPath().getLong("priceCents");
    }

    /** Successful GETs inventory-service has answered on one route, from its Micrometer counter. */
    private static long catalogReads(String route) {
        String metrics = given().baseUri(SagaServices.inventoryUrl()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        String series = "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",service=\"inventory-service\","
                + "status=\"200\",uri=\"" + route + "\"}";
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
                .findFirst().orElse(0);
    }
}
