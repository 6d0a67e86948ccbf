package dev.shop.inventory.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.inventory.TestApi;
import dev.shop.inventory.service.Cursor;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Catalog pages against a real Redis: a full page is read from Redis, the last page always from Postgres. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class CatalogPageCacheTest {

    @Inject
    RedisDataSource redis;

    @Inject
    CatalogPageCache pages;

    @Test
    void aFullPageIsCachedAndReadFromRedisTheSecondTime() {
        int limit = 13; // no other test reads pages of 13, so this page's key is new here
        String key = pages.key(Cursor.START, limit);
        assertEquals("inventory:catalog-page:v1:0:13", key, "versioned key <service>:<entity>:v<schema>:<id>");
        assertFalse(redis.key().exists(key), "not cached before the first read");
        double hits = TestApi.cacheRequests("catalog-pages", "hit");

        List<String> first = page(limit, null).getList("items.id");
        assertTrue(redis.key().exists(key), "the first read of a full page fills Redis");
        List<String> second = page(limit, null).getList("items.id");

        assertEquals(hits + 1, TestApi.cacheRequests("catalog-pages", "hit"), "the second read is a hit");
        assertEquals(first, second, "the same products in the same order");
    }

    @Test
    void theLastPageIsNeverCachedSoAProductAddedLaterAppearsOnIt() {
        int limit = 100;
        String lastCursor = null;
        JsonPath page = page(limit, null);
        while (page.getString("nextCursor") != null) {
            lastCursor = page.getString("nextCursor");
            page = page(limit, lastCursor);
        }
        assertFalse(redis.key().exists(pages.key(Cursor.decode(lastCursor), limit)), "the last page is not cached");

        UUID added = TestApi.createProduct(4200, 3);

        JsonPath again = page(limit, lastCursor);
        List<String> ids = again.getList("items.id");
        String next = again.getString("nextCursor");
        boolean onThisPageOrTheNext = ids.contains(added.toString())
                || next != null && page(limit, next).getList("items.id").contains(added.toString());
        assertTrue(onThisPageOrTheNext, "a product added after the walk shows up at its end");
    }

    private static JsonPath page(int limit, String cursor) {
        return given().queryParam("limit", limit).queryParam("cursor", cursor == null ? "" : cursor)
                .when().get("/api/v1/products").then().statusCode(200).extract().jsonPath();
    }
}
