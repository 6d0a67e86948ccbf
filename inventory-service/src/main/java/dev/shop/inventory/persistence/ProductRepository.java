package dev.shop.inventory.persistence;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.inventory.domain.Product;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Products in Postgres: the catalog. A product is inserted with its initial stock; from then on its stock changes
 * only through {@link StockLedger}, which records every change.
 */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    /**
     * The one order in which a transaction locks several product rows: by id, as PostgreSQL orders uuids (their
     * bytes, unsigned, which is the order of their lower-case text). Two transactions that lock the same products in
     * the same order may wait for each other but never deadlock.
     */
    public static final Comparator<UUID> LOCK_ORDER = Comparator.comparing(UUID::toString);

    /**
     * Locks the rows of these products in {@link #LOCK_ORDER}, one by one, until the end of the transaction, and
     * answers the available stock of those that exist, in that order.
     */
    public Map<UUID, Integer> lockInIdOrder(Collection<UUID> ids) {
        Map<UUID, Integer> available = new LinkedHashMap<>();
        for (UUID id : ids.stream().sorted(LOCK_ORDER).toList()) {
            List<?> rows = getEntityManager()
                    .createNativeQuery("select available_stock from products where id = ?1 for update")
                    .setParameter(1, id)
                    .getResultList();
            if (!rows.isEmpty()) {
                available.put(id, ((Number) rows.getFirst()).intValue());
            }
        }
        return available;
    }

    /** Up to {@code limit} products after position {@code afterSeq}, in catalog order. */
    public List<CatalogEntry> pageAfter(long afterSeq, int limit) {
        return getEntityManager()
                .createQuery("select new dev.shop.inventory.persistence.CatalogEntry(p.id, p.seq) "
                        + "from Product p where p.seq > :after order by p.seq", CatalogEntry.class)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<Product> findByIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    public boolean skuExists(String sku) {
        return count("sku", sku) > 0;
    }
}
