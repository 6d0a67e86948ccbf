package dev.shop.inventory.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.shop.inventory.domain.ProductDetails;

/** Body of {@code POST /api/v1/products}. Boxed types so that every missing field is reported at once. */
public record NewProductRequest(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,63}", message = "must be 1 to 64 of A-Z, 0-9 and '-'") String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull @PositiveOrZero @Max(ProductDetailsRequest.MAX_PRICE_CENTS) Long priceCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotNull @PositiveOrZero @Max(StockRequest.MAX_STOCK) Integer initialStock) {

    ProductDetails details() {
        return new ProductDetails(name, description, priceCents, currency);
    }
}
