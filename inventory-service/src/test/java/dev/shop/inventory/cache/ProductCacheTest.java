package dev.shop.inventory.cache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.inventory.TestApi;
import dev.shop.platform.cache.CacheAside;
import dev.shop.platform.cache.CacheKeys;
import dev.shop.platform.cache.CacheSettings;
import io.micrometer.core.instrument.MeterRegistry;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestServers;
import dev.shop.stack.testing.Tokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Cache-aside against a real Redis: hits, freshness after writes, single flight, and life without Redis. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class ProductCacheTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ProductCache productCache;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Test
    void secondReadIsACacheHit() {
        UUID id = TestApi.createProduct(1500, 5);
        String key = productCache.key(id);
        assertEquals("inventory:product:v1:" + id, key, "versioned key <service>:<entity>:v<schema>:<id>");
        assertFalse(redis.key().exists(key), "a new product is not cached yet");

        double hits = TestApi.cacheRequests("products", "hit");
        double misses = TestApi.cacheRequests("products", "miss");
        given().when().get("/api/v1/products/{id}", id).then().statusCode(200).body("priceCents", equalTo(1500));
        assertEquals(misses + 1, TestApi.cacheRequests("products", "miss"), "first read: a miss");
        assertTrue(redis.key().exists(key), "first read fills Redis");
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > Duration.ofMinutes(9).toMillis() && ttl <= Duration.ofMinutes(12).toMillis(),
                "TTL is 10 min plus up to 2 min of jitter: " + ttl);

        given().when().get("/api/v1/products/{id}", id).then().statusCode(200).body("priceCents", equalTo(1500));
        assertEquals(hits + 1, TestApi.cacheRequests("products", "hit"), "second read: a hit");
        assertEquals(misses + 1, TestApi.cacheRequests("products", "miss"));
    }

    @Test
    void readAfterUpdateIsFresh() {
        UUID id = TestApi.createProduct(2000, 5);
        for (int price = 2001; price <= 2010; price++) {
            given().when().get("/api/v1/products/{id}", id).then().statusCode(200); // cached
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Priced " + price, "priceCents", price, "currency", "EUR"))
                    .when().put("/api/v1/products/{id}", id).then().statusCode(200);
            given().when().get("/api/v1/products/{id}", id)
                    .then().statusCode(200).body("priceCents", equalTo(price)).body("name", equalTo("Priced " + price));
        }
    }

    @Test
    void readAfterStockChangeIsFreshInProductAndPage() {
        UUID first = TestApi.demoProduct(1);
        given().when().get("/api/v1/products").then().statusCode(200); // page of cached products
        for (int available : List.of(3, 0, 250)) {
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("available", available))
                    .when().put("/api/v1/products/{id}/stock", first)
                    .then().statusCode(200).body("availableStock", equalTo(available));
            given().when().get("/api/v1/products/{id}", first).then().body("availableStock", equalTo(available));
            given().queryParam("limit", 5).when().get("/api/v1/products")
                    .then().body("items[0].id", equalTo(first.toString())).body("items[0].availableStock", equalTo(available));
        }
    }

    @Test
    void concurrentReadsOfAColdKeyLoadItOnce() throws Exception {
        UUID id = TestApi.createProduct(777, 1);
        double misses = TestApi.cacheRequests("products", "miss");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                reads.add(() -> given().when().get("/api/v1/products/{id}", id).then().extract().statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(reads)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(misses + 1, TestApi.cacheRequests("products", "miss"),
                "one request loaded from the database, the others shared its load or hit Redis");
    }

    @Test
    void manyConcurrentReadsAllWaitForRedisInsteadOfFallingBackToPostgres() throws Exception {
        UUID id = TestApi.demoProduct(2);
        given().when().get("/api/v1/products/{id}", id).then().statusCode(200); // cached
        TestApi.eventually(Duration.ofSeconds(10), "Redis in use (breaker closed after other tests)",
                () -> PrometheusText.sum(given().when().get("/q/metrics").asString(),
                        "cache_breaker_open", "cache=\"products\"") == 0);
        readConcurrently(id); // a first burst opens the pool's connections
        double gaveUp = TestApi.cacheRequests("products", "error") + TestApi.cacheRequests("products", "bypass");

        readConcurrently(id);

        // With Quarkus' default pool (6 connections, 24 waiting) most of these failed at once and read Postgres.
        assertEquals(gaveUp, TestApi.cacheRequests("products", "error") + TestApi.cacheRequests("products", "bypass"),
                "no read gave up on a healthy Redis because its connection pool was busy");
    }

    /** 640 reads of {@code id} from 64 threads at once, each answered 200. */
    private static void readConcurrently(UUID id) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Callable<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 640; i++) {
                reads.add(() -> given().when().get("/api/v1/products/{id}", id).statusCode());
            }
            for (Future<Integer> read : clients.invokeAll(reads)) {
                assertEquals(200, read.get());
            }
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void readsStillWorkWhenRedisIsDown() {
        UUID id = TestApi.createProduct(3000, 30);
        given().when().get("/api/v1/products/{id}", id).then().statusCode(200); // cached
        double errors = TestApi.cacheRequests("products", "error");
        double bypasses = TestApi.cacheRequests("products", "bypass");
        TestServers.get().stopRedis();
        try {
            for (int i = 0; i < 10; i++) {
                given().when().get("/api/v1/products/{id}", id)
                        .then().statusCode(200).body("priceCents", equalTo(3000)).body("availableStock", equalTo(30));
            }
            given().queryParam("limit", 50).when().get("/api/v1/products").then().statusCode(200).body("items", hasSize(50));
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Written without Redis", "priceCents", 3100, "currency", "EUR"))
                    .when().put("/api/v1/products/{id}", id).then().statusCode(200);
            given().when().get("/api/v1/products/{id}", id).then().statusCode(200).body("priceCents", equalTo(3100));
            assertTrue(TestApi.cacheRequests("products", "error") > errors, "Redis failures are counted");
            assertTrue(TestApi.cacheRequests("products", "bypass") > bypasses, "then the breaker skips Redis");
        } finally {
            TestServers.get().startRedisAgain();
        }
        given().when().get("/api/v1/products/{id}", id).then().statusCode(200).body("priceCents", equalTo(3100));
        TestApi.eventually(Duration.ofSeconds(20), "the cache is used again once Redis is back", () -> {
            double hits = TestApi.cacheRequests("products", "hit");
            given().when().get("/api/v1/products/{id}", id).then().statusCode(200).body("priceCents", equalTo(3100));
            return TestApi.cacheRequests("products", "hit") > hits;
        });
    }

    @Test
    void aLoadThatReadTheOldRowDoesNotCacheItAfterAWriteInvalidatedIt() {
        CacheSettings settings = new CacheSettings(Duration.ofMinutes(1), Duration.ZERO, Duration.ofMillis(500), 3,
                Duration.ofSeconds(1), 100);
        CacheAside<String> cache = new CacheAside<>("fence-test", new CacheKeys("inventory", "fence-test", 1),
                String.class, settings, reactiveRedis, json, metrics);
        String id = UUID.randomUUID().toString();

        // The load reads the old row; before it fills Redis, a write commits and invalidates the key.
        Optional<String> loaded = cache.get(id, () -> {
            cache.invalidate(List.of(id));
            return Optional.of("old");
        });

        assertEquals(Optional.of("old"), loaded, "the reader itself got what it read, as before the write");
        assertFalse(redis.key().exists(cache.key(id)), "but the old value was not put back into Redis");
        assertEquals(Optional.of("new"), cache.get(id, () -> Optional.of("new")), "the next read loads again");
        assertTrue(redis.key().exists(cache.key(id)), "and that fill, with no write in between, is kept");
        assertEquals(Optional.of("new"), cache.get(id, () -> Optional.of("never loaded")), "a hit");
    }
}
