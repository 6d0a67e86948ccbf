package dev.shop.inventory.persistence;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.inventory.domain.Product;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Products in Postgres. Stock changes are single conditional UPDATE statements: the row lock Postgres takes
 * for the UPDATE serializes concurrent changes of one product, the WHERE clause re-checked on the locked row
 * refuses to go below zero, and the CHECK constraint is the last line of defence.
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

    /** Sets the available stock; false if there is no such product. */
    public boolean setAvailableStock(UUID id, int available) {
        return getEntityManager()
                .createNativeQuery("UPDATE products SET available_stock = ?1, updated_at = now() WHERE id = ?2")
                .setParameter(1, available)
                .setParameter(2, id)
                .executeUpdate() == 1;
    }

    /** Takes {@code quantity} out of stock only if that much is available; false otherwise (or no such product). */
    public boolean takeStock(UUID id, int quantity) {
        return getEntityManager()
                .createNativeQuery("UPDATE products SET available_stock = available_stock - ?1, updated_at = now() "
                        + "WHERE id = ?2 AND available_stock >= ?1")
                .setParameter(1, quantity)
                .setParameter(2, id)
                .executeUpdate() == 1;
    }

    /** Puts {@code quantity} back into stock (a released reservation, a restock); false if there is no such product. */
    public boolean returnStock(UUID id, int quantity) {
        return getEntityManager()
                .createNativeQuery("UPDATE products SET available_stock = available_stock + ?1, updated_at = now() "
                        + "WHERE id = ?2")
                .setParameter(1, quantity)
                .setParameter(2, id)
                .executeUpdate() == 1;
    }
}
