package dev.shop.orders.client;

import java.time.Instant;
import java.util.UUID;

/** A product's price as known to order-service, and whether it comes from the cache (inventory unreachable). */
public record ProductPrice(UUID productId, String sku, long priceCents, String currency, Instant fetchedAt,
        boolean fromCache) {
}
