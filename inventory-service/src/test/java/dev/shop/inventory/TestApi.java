package dev.shop.inventory;

import static io.restassured.RestAssured.given;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.Tokens;
import io.restassured.http.ContentType;

/** Calls of the running inventory-service shared by its tests. */
public final class TestApi {


    private TestApi() {
    }

    /** Product SKU-nnnn of the demo catalog: its id is md5('demo-product-n')::uuid (V2__demo_catalog.sql). */
    public static UUID demoProduct(int n) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(("demo-product-" + n).getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.wrap(md5);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String uniqueSku() {
        return "T-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toUpperCase();
    }

    public static Map<String, Object> newProduct(String sku, long priceCents, int initialStock) {
        return Map.of("sku", sku, "name", "Test product " + sku, "description", "Made by a test.",
                "priceCents", priceCents, "currency", "EUR", "initialStock", initialStock);
    }

    /** Creates a product as admin and returns its id. */
    public static UUID createProduct(long priceCents, int initialStock) {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(newProduct(uniqueSku(), priceCents, initialStock))
                .when().post("/api/v1/products")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** Sets a product's available stock as admin ({@code PUT /api/v1/products/{id}/stock}). */
    public static void setStock(UUID id, int available) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("available", available))
                .when().put("/api/v1/products/{id}/stock", id)
                .then().statusCode(200);
    }

    /** A product's available stock as {@code GET /api/v1/products/{id}} shows it. */
    public static int availableStock(UUID id) {
        return given().when().get("/api/v1/products/{id}", id).then().statusCode(200).extract().path("availableStock");
    }

    /** {@code cache_requests_total{cache=..., result=...}} as /q/metrics shows it now. */
    public static double cacheRequests(String cache, String result) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "cache_requests_total", "cache=\"" + cache + "\"", "result=\"" + result + "\"");
    }

    /** Polls until {@code condition} holds; fails after {@code timeout}. */
    public static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
