package dev.shop.inventory.persistence;

import java.util.Collection;
import java.util.List;
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
