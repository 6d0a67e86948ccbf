package dev.shop.inventory.domain;

import java.util.Objects;

/** What an admin may change about a product: everything but its SKU and its stock. */
public record ProductDetails(String name, String description, long priceCents, String currency) {

    public ProductDetails {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        description = description == null ? "" : description;
        if (priceCents < 0) {
            throw new IllegalArgumentException("price must not be negative: " + priceCents);
        }
    }
}
