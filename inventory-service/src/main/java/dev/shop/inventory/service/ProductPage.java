package dev.shop.inventory.service;

import java.util.List;

import dev.shop.inventory.domain.ProductView;

/** One page of the catalog: {@code nextCursor} is null on the last page. */
public record ProductPage(List<ProductView> items, String nextCursor) {
}
