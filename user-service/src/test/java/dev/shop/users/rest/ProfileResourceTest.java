package dev.shop.users.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestServers;
import dev.shop.stack.testing.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "users"), @ResourceArg(name = "keycloak", value = "true")})
class ProfileResourceTest {

    /** Ids of the demo users in infra/keycloak/shop-realm.json: the tokens' sub. */
    private static final String ALICE = "6878cf66-c60b-3472-99e5-c0ee5373edfe";
    private static final String BOB = "df841326-bcc2-3912-b54f-5f4c1d7ee580";


    @Inject
    RedisDataSource redis;

    @Test
    void firstGetCreatesProfileFromToken() {
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/users/me")
                .then().statusCode(200)
                .body("id", equalTo(ALICE))
                .body("username", equalTo("alice"))
                .body("email", equalTo("alice@shop.example"))
                .body("displayName", equalTo("Alice Liddell"));
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/users/{id}", ALICE)
                .then().statusCode(200).body("username", equalTo("alice"));
    }

    @Test
    void concurrentFirstCallsCreateOneProfile() throws Exception {
        String token = Tokens.accessToken("customer-0003", "customer");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> given().auth().oauth2(token).when().get("/api/v1/users/me")
                    .then().statusCode(200).extract().path("id"));
        }
        List<String> ids = new ArrayList<>();
        try {
            for (Future<String> id : pool.invokeAll(calls)) {
                ids.add(id.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, ids.stream().distinct().count(), "one profile: " + ids);
    }

    @Test
    void putUpdatesOwnProfile() {
        String bob = Tokens.bob();
        given().auth().oauth2(bob).contentType(ContentType.JSON)
                .body(Map.of("email", "bob@builders.example", "displayName", "Bob the Builder"))
                .when().put("/api/v1/users/me")
                .then().statusCode(200)
                .body("id", equalTo(BOB))
                .body("username", equalTo("bob"))
                .body("email", equalTo("bob@builders.example"))
                .body("displayName", equalTo("Bob the Builder"));
        given().auth().oauth2(bob).when().get("/api/v1/users/me")
                .then().statusCode(200).body("displayName", equalTo("Bob the Builder"));
    }

    @Test
    void invalidOrUnknownFieldsAre400() {
        String token = Tokens.accessToken("customer-0004", "customer");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "displayName", " "))
                .when().put("/api/v1/users/me")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("violations.field", hasItems("email", "displayName"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("email", "c4@shop.example", "displayName", "C4", "username", "root"))
                .when().put("/api/v1/users/me")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_FIELD"))
                .body("violations[0].field", equalTo("username"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"email\": \"c4@shop.example\",")
                .when().put("/api/v1/users/me")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
    }

    /** PostgreSQL refuses U+0000 in text: such a value is the client's mistake (400), not a failed insert (500). */
    @Test
    void nulCharacterInAFieldIs400NamingTheField() {
        String token = Tokens.accessToken("customer-0006", "customer");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"email\": \"c6@shop.example\", \"displayName\": \"\\u0000\"}")
                .when().put("/api/v1/users/me")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("violations[0].field", equalTo("displayName"))
                .body("violations[0].message", equalTo("must not contain the NUL character (U+0000)"));
        given().auth().oauth2(token).when().get("/api/v1/users/me")
                .then().statusCode(200).body("username", equalTo("customer-0006"));
    }

    @Test
    void customerCannotReadOtherProfiles() {
        given().auth().oauth2(Tokens.bob()).when().get("/api/v1/users/me").then().statusCode(200);
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/users/{id}", BOB)
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/users/{id}", ALICE)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void anonymousIs401() {
        given().when().get("/api/v1/users/me")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().when().get("/api/v1/users/{id}", ALICE).then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().contentType(ContentType.JSON).body(Map.of("email", "x@y.example", "displayName", "X"))
                .when().put("/api/v1/users/me").then().statusCode(401);
    }

    @Test
    void adminReadsAnyProfile() {
        given().auth().oauth2(Tokens.bob()).when().get("/api/v1/users/me").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/users/{id}", BOB)
                .then().statusCode(200).body("id", equalTo(BOB)).body("username", equalTo("bob"));
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/users/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("PROFILE_NOT_FOUND"));
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/users/not-a-uuid")
                .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"));
    }

    @Test
    void profileCacheInvalidatedAfterUpdate() {
        String token = Tokens.accessToken("customer-0002", "customer");
        String id = given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200).extract().path("id");
        String key = "users:profile:v1:" + id;
        double hits = cacheRequests("hit");
        given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200);
        assertTrue(redis.key().exists(key), "the profile is cached under " + key);
        assertTrue(cacheRequests("hit") >= hits + 1, "reads are served from Redis");

        for (int round = 1; round <= 5; round++) {
            String name = "Customer Two, take " + round;
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("email", "c2@shop.example", "displayName", name))
                    .when().put("/api/v1/users/me").then().statusCode(200);
            assertFalse(redis.key().exists(key), "the write removed the cached profile before answering");
            given().auth().oauth2(token).when().get("/api/v1/users/me").then().body("displayName", equalTo(name));
            given().auth().oauth2(Tokens.admin()).when().get("/api/v1/users/{id}", id).then().body("displayName", equalTo(name));
        }
    }

    @Test
    void readsStillWorkWhenRedisIsDown() {
        String token = Tokens.accessToken("customer-0005", "customer");
        given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200);
        TestServers.get().stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200)
                        .body("username", equalTo("customer-0005"));
            }
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("email", "c5@shop.example", "displayName", "Five Without Redis"))
                    .when().put("/api/v1/users/me").then().statusCode(200);
            given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200)
                    .body("displayName", equalTo("Five Without Redis"));
        } finally {
            TestServers.get().startRedisAgain();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double hits = cacheRequests("hit");
        while (cacheRequests("hit") <= hits) {
            assertTrue(System.nanoTime() < deadline, "the cache is used again once Redis is back");
            given().auth().oauth2(token).when().get("/api/v1/users/me").then().statusCode(200)
                    .body("displayName", equalTo("Five Without Redis"));
        }
    }

    @Test
    void openApiDocumentsEveryEndpointWithSecurity() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/users/me'.get.summary", equalTo("The caller's own profile"))
                .body("paths.'/api/v1/users/me'.get.security[0].bearer", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/users/me'.put.responses.keySet()", hasItems("200", "400", "401", "403"))
                .body("paths.'/api/v1/users/{id}'.get.responses.keySet()", hasItems("200", "401", "403", "404"));
    }

    private static double cacheRequests(String result) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "cache_requests_total", "cache=\"profiles\"", "result=\"" + result + "\"");
    }
}
