package dev.shop.inventory.domain;

import java.util.UUID;

/**
 * A product as readers see it (the {@code Product} JSON of docs/design.md section 3) and as it is cached in Redis.
 * Changing these fields incompatibly means bumping the schema number of {@code ProductCache}'s keys.
 */
public record ProductView(UUID id, String sku, String name, String description, long priceCents,
        String currency, int availableStock) {

    public static ProductView of(Product product) {
        return new ProductView(product.id(), product.sku(), product.name(), product.description(),
                product.priceCents(), product.currency(), product.availableStock());
    }
}
