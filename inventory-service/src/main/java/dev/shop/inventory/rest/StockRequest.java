package dev.shop.inventory.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code PUT /api/v1/products/{id}/stock}: the new available stock, never negative. */
public record StockRequest(@NotNull @PositiveOrZero @Max(MAX_STOCK) Integer available) {

    static final long MAX_STOCK = 1_000_000_000L;
}
