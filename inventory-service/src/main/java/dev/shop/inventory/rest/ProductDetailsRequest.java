package dev.shop.inventory.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.shop.inventory.domain.ProductDetails;

/**
 * Body of {@code PUT /api/v1/products/{id}}: the details an admin may replace. The SKU never changes and stock
 * changes only through {@code PUT /products/{id}/stock}; sending either is an unknown field (400).
 */
public record ProductDetailsRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull @PositiveOrZero @Max(MAX_PRICE_CENTS) Long priceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    /** 10,000,000.00 in any currency: far above any real price, far below an overflow of order totals. */
    static final long MAX_PRICE_CENTS = 1_000_000_000L;

    ProductDetails details() {
        return new ProductDetails(name, description, priceCents, currency);
    }
}
