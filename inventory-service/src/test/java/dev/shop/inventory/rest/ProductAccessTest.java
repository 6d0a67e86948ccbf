package dev.shop.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Anyone reads the catalog; only admins change it; every refusal is problem+json. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class ProductAccessTest {

    private static final UUID PRODUCT = TestApi.demoProduct(3);

    @Test
    void anonymousReadsTheCatalog() {
        given().when().get("/api/v1/products").then().statusCode(200);
        given().when().get("/api/v1/products/{id}", PRODUCT).then().statusCode(200).body("sku", equalTo("SKU-0003"));
    }

    @Test
    void anonymousCannotCreateProducts() {
        given().contentType(ContentType.JSON).body(TestApi.newProduct(TestApi.uniqueSku(), 100, 1))
                .when().post("/api/v1/products")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void invalidTokenIs401() {
        given().auth().oauth2("not.a.token").contentType(ContentType.JSON)
                .body(TestApi.newProduct(TestApi.uniqueSku(), 100, 1))
                .when().post("/api/v1/products")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void customerCannotCreateProducts() {
        given().auth().oauth2(Tokens.alice()).contentType(ContentType.JSON)
                .body(TestApi.newProduct(TestApi.uniqueSku(), 100, 1))
                .when().post("/api/v1/products")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void customerCannotChangeProductsOrStock() {
        given().auth().oauth2(Tokens.accessToken("customer-0001", "customer")).contentType(ContentType.JSON)
                .body(Map.of("name", "Mine now", "priceCents", 1, "currency", "EUR"))
                .when().put("/api/v1/products/{id}", PRODUCT)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.bob()).contentType(ContentType.JSON)
                .body(Map.of("available", 0))
                .when().put("/api/v1/products/{id}/stock", PRODUCT)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().contentType(ContentType.JSON).body(Map.of("available", 0))
                .when().put("/api/v1/products/{id}/stock", PRODUCT)
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }
}
