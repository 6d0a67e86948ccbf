package dev.shop.orders.client;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields of inventory's Product that an order needs; a tolerant reader (other fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductView(UUID id, String sku, long priceCents, String currency) {
}
