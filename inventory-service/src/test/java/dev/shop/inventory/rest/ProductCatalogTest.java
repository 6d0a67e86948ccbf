package dev.shop.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.shop.inventory.TestApi;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class ProductCatalogTest {

    @Test
    void demoCatalogHasAThousandProductsWithStock() {
        List<Map<String, Object>> all = walk(100);
        assertTrue(all.size() >= 1000, "demo catalog loaded: " + all.size());
        given().when().get("/api/v1/products/{id}", TestApi.demoProduct(1))
                .then().statusCode(200)
                .body("sku", equalTo("SKU-0001"))
                .body("currency", equalTo("EUR"))
                .body("availableStock", org.hamcrest.Matchers.greaterThanOrEqualTo(100));
    }

    @Test
    void firstPageHasTwentyProductsByDefault() {
        given().when().get("/api/v1/products")
                .then().statusCode(200)
                .body("items", hasSize(20))
                .body("items[0].sku", equalTo("SKU-0001"))
                .body("items[0].priceCents", notNullValue())
                .body("nextCursor", notNullValue());
    }

    @Test
    void paginationWalkSeesEveryProductOnceWhileProductsAreInserted() throws Exception {
        Set<String> existingAtStart = new HashSet<>(ids(walk(100)));
        Map<String, Long> insertedAt = new ConcurrentHashMap<>();
        AtomicBoolean walking = new AtomicBoolean(true);
        CompletableFuture<Void> inserter = CompletableFuture.runAsync(() -> {
            while (walking.get()) {
                insertedAt.put(TestApi.createProduct(999, 10).toString(), System.nanoTime());
            }
        });

        List<String> seen = new ArrayList<>();
        String cursor = null;
        long lastPageRequestedAt;
        do {
            lastPageRequestedAt = System.nanoTime();
            JsonPath page = given().queryParam("limit", 37)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/products")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        walking.set(false);
        inserter.get();

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no product twice");
        assertTrue(seen.containsAll(existingAtStart), "every product that existed when the walk began");
        long requestedAt = lastPageRequestedAt;
        List<String> committedBeforeTheEnd = insertedAt.entrySet().stream()
                .filter(inserted -> inserted.getValue() < requestedAt).map(Map.Entry::getKey).toList();
        assertTrue(seen.containsAll(committedBeforeTheEnd),
                "products inserted during the walk are not skipped either (seq order = commit order)");
        assertTrue(insertedAt.size() > 0, "products were inserted during the walk");
    }

    @Test
    void limitOutOfRangeIs400() {
        for (String limit : List.of("0", "101", "-5")) {
            given().queryParam("limit", limit).when().get("/api/v1/products")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("violations.field", contains("limit"));
        }
        given().queryParam("limit", "many").when().get("/api/v1/products")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void limitAtTheBoundsIsAccepted() {
        given().queryParam("limit", 1).when().get("/api/v1/products").then().statusCode(200).body("items", hasSize(1));
        given().queryParam("limit", 100).when().get("/api/v1/products").then().statusCode(200).body("items", hasSize(100));
    }

    @Test
    void invalidCursorIs400() {
        String notBase64 = "%%%";
        String foreign = java.util.Base64.getUrlEncoder().encodeToString("offset=40".getBytes());
        String negative = java.util.Base64.getUrlEncoder().encodeToString("p1:-3".getBytes());
        for (String cursor : List.of(notBase64, foreign, negative, "cDE6")) {
            given().queryParam("cursor", cursor).when().get("/api/v1/products")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("INVALID_CURSOR"))
                    .body("traceId", notNullValue());
        }
    }

    @Test
    void productsOfAListOfIdsComeInTheOrderAskedWithoutTheUnknownOnes() {
        String third = TestApi.demoProduct(3).toString();
        String first = TestApi.demoProduct(1).toString();
        given().queryParam("ids", third, java.util.UUID.randomUUID().toString(), first, third)
                .when().get("/api/v1/products")
                .then().statusCode(200)
                .body("items.id", contains(third, first))
                .body("items[1].sku", equalTo("SKU-0001"))
                .body("nextCursor", nullValue());
    }

    @Test
    void idsAreAtMostFiftyUuidsAndNotCombinedWithACursor() {
        List<String> tooMany = java.util.stream.Stream.generate(() -> java.util.UUID.randomUUID().toString())
                .limit(51).toList();
        given().queryParam("ids", tooMany).when().get("/api/v1/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("violations.field", contains("ids"));
        given().queryParam("ids", TestApi.demoProduct(1).toString()).queryParam("cursor", "cDE6")
                .when().get("/api/v1/products")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("violations.field", contains("cursor"));
        given().queryParam("ids", "not-a-uuid").when().get("/api/v1/products")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void unknownProductIs404AndMalformedIdIs400() {
        given().when().get("/api/v1/products/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("PRODUCT_NOT_FOUND"));
        given().when().get("/api/v1/products/not-a-uuid")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void adminCreatesProduct() {
        String sku = TestApi.uniqueSku();
        String location = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(TestApi.newProduct(sku, 2999, 150))
                .when().post("/api/v1/products")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/products/"))
                .body("sku", equalTo(sku))
                .body("priceCents", equalTo(2999))
                .body("currency", equalTo("EUR"))
                .body("availableStock", equalTo(150))
                .extract().header("Location");
        given().when().get(location).then().statusCode(200).body("sku", equalTo(sku)).body("availableStock", equalTo(150));
    }

    @Test
    void duplicateSkuIs409() {
        String sku = TestApi.uniqueSku();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(TestApi.newProduct(sku, 100, 1))
                .when().post("/api/v1/products").then().statusCode(201);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(TestApi.newProduct(sku, 200, 2))
                .when().post("/api/v1/products")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("SKU_ALREADY_EXISTS"));
    }

    @Test
    void unknownFieldIs400() {
        Map<String, Object> body = new java.util.HashMap<>(TestApi.newProduct(TestApi.uniqueSku(), 100, 1));
        body.put("colour", "red");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_FIELD"))
                .body("violations[0].field", equalTo("colour"));
    }

    @Test
    void wrongTypeIs400() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"sku\":\"X-1\",\"name\":\"n\",\"priceCents\":\"cheap\",\"currency\":\"EUR\",\"initialStock\":1}")
                .when().post("/api/v1/products")
                .then().statusCode(400).body("code", equalTo("INVALID_FIELD_TYPE"));
    }

    @Test
    void invalidFieldsAreAllListed() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"sku\":\"\",\"name\":\"n\",\"priceCents\":-1,\"currency\":\"euro\"}")
                .when().post("/api/v1/products")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("violations.field", org.hamcrest.Matchers.hasItems("sku", "priceCents", "currency", "initialStock"));
    }

    @Test
    void adminUpdatesProductDetailsButNotSkuOrStock() {
        java.util.UUID id = TestApi.createProduct(1000, 7);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed", "description", "New words", "priceCents", 1250, "currency", "USD"))
                .when().put("/api/v1/products/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("priceCents", equalTo(1250))
                .body("currency", equalTo("USD"))
                .body("availableStock", equalTo(7));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed", "priceCents", 1250, "currency", "USD", "availableStock", 99))
                .when().put("/api/v1/products/{id}", id)
                .then().statusCode(400).body("code", equalTo("UNKNOWN_FIELD"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed", "priceCents", 1250, "currency", "USD"))
                .when().put("/api/v1/products/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PRODUCT_NOT_FOUND"));
    }

    @Test
    void openApiDocumentsEveryEndpointWithSecurity() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("Add a product (admin)", doc.getString("paths.'/api/v1/products'.post.summary"));
        assertTrue(doc.getMap("paths.'/api/v1/products'.post.responses").keySet().containsAll(List.of("201", "400", "401", "403", "409")));
        assertTrue(doc.getMap("paths.'/api/v1/products/{id}/stock'.put.responses").keySet().containsAll(List.of("200", "400", "401", "403", "404")));
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().body("components.securitySchemes.bearer.scheme", startsWith("bearer"))
                .body("paths.'/api/v1/products'.post.security[0].bearer", notNullValue())
                .body("paths.'/api/v1/products'.get.security", nullValue());
    }

    private static List<Map<String, Object>> walk(int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("limit", limit).queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static List<String> ids(List<Map<String, Object>> products) {
        return products.stream().map(product -> (String) product.get("id")).toList();
    }
}
