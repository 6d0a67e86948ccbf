package dev.shop.orders.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /orders: what to buy and how to pay. Prices are never taken from the client. */
@Schema(example = """
        {"lines": [{"productId": "8d3f5a4e-8a43-4d4c-9d59-2b1f0f2a6c11", "quantity": 2}], "paymentMethod": "pm_card_visa"}""")
public record NewOrderRequest(
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines,
        @NotNull @Pattern(regexp = "pm_[a-z0-9_]{1,60}", message = "must look like pm_card_visa") String paymentMethod) {

    public record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
