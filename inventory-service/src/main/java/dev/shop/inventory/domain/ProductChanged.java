package dev.shop.inventory.domain;

import java.util.UUID;

/**
 * Fired (as a CDI event) inside every transaction that changes a product or its stock, whatever the path: admin
 * API today, stock reservations of the saga later. {@code ProductCache} observes it after the commit and
 * invalidates the cached product.
 */
public record ProductChanged(UUID productId) {
}
