package dev.shop.orders.rest;

import static dev.shop.orders.Shop.demoProduct;
import static dev.shop.orders.Shop.paymentStatus;
import static dev.shop.orders.Shop.place;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import io.restassured.path.json.JsonPath;

/**
 * BOLA: a customer never sees another customer's orders or payments, neither by id nor in a list. Orders are read
 * from this order-service, payments directly from the real payment-service on its own port (no gateway in front).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class CustomerDataIsolationTest {

    private static final Duration SAGA = Duration.ofSeconds(30);

    /** Ids of the demo users in infra/keycloak/shop-realm.json: the tokens' sub, the orders' customerId. */
    private static final String ALICE = "6878cf66-c60b-3472-99e5-c0ee5373edfe";
    private static final String BOB = "df841326-bcc2-3912-b54f-5f4c1d7ee580";

    @Test
    void ordersListNeverIncludesAnotherCustomersOrders() {
        String alicesOrder = place(demoProduct(41), 1, "pm_card_visa");
        String bobsOrder = Shop.placeOrder(Tokens.bob(), UUID.randomUUID().toString(),
                Shop.orderBody(demoProduct(42), 1, "pm_card_visa")).then().statusCode(201).extract().path("id");

        List<String> bobSees = listedOrderIds(Tokens.bob(), BOB);
        assertTrue(bobSees.contains(bobsOrder), "bob's list must hold his own order: " + bobSees);
        assertFalse(bobSees.contains(alicesOrder), "bob's list must not hold alice's order");

        List<String> aliceSees = listedOrderIds(Tokens.alice(), ALICE);
        assertTrue(aliceSees.contains(alicesOrder), "alice's list must hold her order");
        assertFalse(aliceSees.contains(bobsOrder), "alice's list must not hold bob's order");
    }

    @Test
    void paymentOfAnotherCustomersOrderIs404() {
        String alicesOrder = place(demoProduct(43), 1, "pm_card_visa");
        Shop.await(SAGA, () -> "CAPTURED".equals(paymentStatus(alicesOrder)),
                () -> "payment " + paymentStatus(alicesOrder));

        given().baseUri(SagaServices.paymentUrl()).auth().oauth2(Tokens.bob()).queryParam("orderId", alicesOrder)
                .when().get("/api/v1/payments")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("code", equalTo("PAYMENT_NOT_FOUND"));
        Shop.payment(alicesOrder)
                .then().statusCode(200)
                .body("orderId", equalTo(alicesOrder))
                .body("status", equalTo("CAPTURED"));
        given().baseUri(SagaServices.paymentUrl()).auth().oauth2(Tokens.admin()).queryParam("orderId", alicesOrder)
                .when().get("/api/v1/payments")
                .then().statusCode(200)
                .body("orderId", equalTo(alicesOrder));
    }

    /** Every order id in the caller's list, following the cursor to the last page; each must be the caller's. */
    private static List<String> listedOrderIds(String token, String customerId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/orders").then().statusCode(200).extract().jsonPath();
            for (String owner : page.getList("items.customerId", String.class)) {
                assertEquals(customerId, owner, "an order of another customer in the list");
            }
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
