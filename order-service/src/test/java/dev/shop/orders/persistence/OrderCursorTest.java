package dev.shop.orders.persistence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shop.orders.SagaServices;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The cursor of GET /orders is opaque, but a client can still send anything: a cursor this service never wrote is
 * 400 INVALID_CURSOR. Found by the fuzz suite: a well-formed cursor whose position lay outside PostgreSQL's range
 * of timestamps reached the query and answered 500.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class OrderCursorTest {

    @Test
    void cursorsThisServiceNeverWroteAre400() {
        UUID id = UUID.randomUUID();
        for (String position : List.of(Long.MIN_VALUE + "," + id, Long.MAX_VALUE + "," + id, "-1," + id,
                "253402300800000000," + id, "1,not-a-uuid", "1", "," + id, "x," + id)) {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(position.getBytes(StandardCharsets.US_ASCII));
            given().auth().oauth2(Tokens.alice()).queryParam("cursor", cursor)
                    .when().get("/api/v1/orders")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_CURSOR"));
        }
    }
}
