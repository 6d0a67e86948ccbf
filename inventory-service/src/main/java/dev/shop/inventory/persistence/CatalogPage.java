package dev.shop.inventory.persistence;

import java.util.List;
import java.util.UUID;

/**
 * The ids of one catalog page in catalog order, the position of its last product, and whether more follow.
 * A full page (more follow) never changes: products are only appended (seq grows, never reused or changed) and
 * never deleted, and a product becomes visible only after every product with a lower seq (see V1 migration).
 */
public record CatalogPage(List<UUID> ids, long lastSeq, boolean more) {

    /** The page of the first {@code limit} of {@code entries}, which were read with one extra entry. */
    public static CatalogPage of(List<CatalogEntry> entries, int limit) {
        boolean more = entries.size() > limit;
        List<CatalogEntry> page = more ? entries.subList(0, limit) : entries;
        return new CatalogPage(page.stream().map(CatalogEntry::id).toList(),
                page.isEmpty() ? 0 : page.getLast().seq(), more);
    }
}
