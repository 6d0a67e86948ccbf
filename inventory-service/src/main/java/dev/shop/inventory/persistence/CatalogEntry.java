package dev.shop.inventory.persistence;

import java.util.UUID;

/** One entry of a catalog page: what the keyset query needs, read from the index alone. */
public record CatalogEntry(UUID id, long seq) {
}
