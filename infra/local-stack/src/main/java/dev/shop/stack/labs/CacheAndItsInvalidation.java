package dev.shop.stack.labs;

import static dev.shop.stack.labs.Expectation.Finding.met;
import static dev.shop.stack.labs.Expectation.Finding.missing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.stack.testing.PrometheusText;

/**
 * Lab 5: read a product through the catalog's cache, change its price as admin and see the new price at once (the
 * cache entry is invalidated after the commit), then read with Redis stopped: slower, never failing.
 */
final class CacheAndItsInvalidation {

    static final Lab LAB = new Lab(5, "The catalog's cache: hits, invalidation, Redis down",
            "docs/labs/05-cache-and-its-invalidation.md", CacheAndItsInvalidation::expectations);

    /** The lab's product and the price the learner gives it. */
    static final String SKU = "SKU-0001";
    static final long NEW_PRICE_CENTS = 1999;
    static final String PRODUCTS = "cache=\"products\"";
    static final ObjectMapper JSON = new ObjectMapper();

    private CacheAndItsInvalidation() {
    }

    static List<Expectation> expectations(RunningShop shop) {
        return List.of(
                new Expectation("inventory-service answered most product reads from its cache (hit ratio at least"
                        + " 50%)", () -> {
                    String metrics = shop.metrics("inventory-service");
                    double hits = PrometheusText.sum(metrics, "cache_requests_total", PRODUCTS, "result=\"hit\"");
                    double misses = PrometheusText.sum(metrics, "cache_requests_total", PRODUCTS, "result=\"miss\"");
                    double ratio = hits + misses == 0 ? 0 : hits / (hits + misses);
                    String counted = String.format("%.0f hits, %.0f misses (%.0f%%)", hits, misses, ratio * 100);
                    return ratio >= 0.5 ? met(counted)
                            : missing(counted + ": read the same product a few times (step 2)");
                }),
                new Expectation(SKU + " costs " + NEW_PRICE_CENTS + " cents, set by admin, and the gateway serves that"
                        + " price at once", () -> {
                    List<Map<String, Object>> product = shop.query("inventory",
                            "select id, price_cents from products where sku = ?", SKU);
                    long price = ((Number) product.getFirst().get("price_cents")).longValue();
                    if (price != NEW_PRICE_CENTS) {
                        return missing(SKU + " costs " + price + " cents: as admin, PUT its details with priceCents "
                                + NEW_PRICE_CENTS + " (step 3)");
                    }
                    String path = "/api/v1/products/" + product.getFirst().get("id");
                    JsonNode served = JSON.readTree(shop.get("gateway", path));
                    return served.path("priceCents").asLong() == NEW_PRICE_CENTS ? met("served at " + NEW_PRICE_CENTS)
                            : missing("the database says " + NEW_PRICE_CENTS + " but the gateway serves "
                                    + served.path("priceCents") + ": a stale cache entry");
                }),
                new Expectation("product reads went on while Redis was stopped (the cache was skipped, not failed)",
                        () -> {
                    String metrics = shop.metrics("inventory-service");
                    double skipped = PrometheusText.sum(metrics, "cache_requests_total", PRODUCTS, "result=\"error\"")
                            + PrometheusText.sum(metrics, "cache_requests_total", PRODUCTS, "result=\"bypass\"");
                    return skipped > 0 ? met(String.format("%.0f reads without the cache", skipped))
                            : missing("./shop stop redis, read the product a few times, ./shop restart redis (step 4)");
                }),
                new Expectation("Redis runs again", () -> shop.isListening("redis") ? met("listening")
                        : missing("./shop restart redis")));
    }
}
