package dev.shop.orders.client;

import static dev.shop.orders.Shop.awaitStatus;
import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.orderBody;
import static dev.shop.orders.Shop.placeOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
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
 * InventoryClient's documented fallback (timeout, retry, breaker, then the last price seen): while inventory-service
 * is down, an order for a product whose price was seen recently is priced from that, and its saga finishes once
 * inventory is back; a product never seen cannot be priced and is refused with 503 and Retry-After.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class InventoryPriceFallbackTest {

    private static final Duration SAGA = Duration.ofSeconds(60);

    @Test
    void whileInventoryIsDownTheLastPriceSeenPricesTheOrderAndAnUnseenProductIs503() {
        UUID product = demoProduct(51);
        String seen = Shop.place(product, 1, "pm_card_visa");
        long total = Shop.order(seen).then().statusCode(200).extract().jsonPath().getLong("totalCents");
        String pricedFromCache;

        SagaServices.stopInventory();
        try {
            pricedFromCache = placeOrder(Tokens.alice(), UUID.randomUUID().toString(), orderBody(product, 1, "pm_card_visa"))
                    .then().statusCode(201)
                    .body("totalCents", equalTo((int) total))
                    .extract().path("id");
            placeOrder(Tokens.alice(), UUID.randomUUID().toString(), orderBody(demoProduct(52), 1, "pm_card_visa"))
                    .then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", "5")
                    .body("code", equalTo("UPSTREAM_UNAVAILABLE"));
        } finally {
            SagaServices.startInventory(Map.of());
        }

        awaitStatus(pricedFromCache, "CONFIRMED", SAGA);
    }
}
