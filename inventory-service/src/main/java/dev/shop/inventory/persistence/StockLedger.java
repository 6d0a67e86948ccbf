package dev.shop.inventory.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Every change of a product's available stock together with its entry in the stock ledger
 * ({@code stock_movement}, V21__stock_ledger.sql). Each change is one SQL statement that updates
 * {@code products.available_stock} and appends the matching movement, so neither can happen without the other
 * and the ledger always sums to the available stock.
 * <p>
 * The updates are conditional: the row lock Postgres takes for the UPDATE serializes concurrent changes of one
 * product, the WHERE clause re-checked on the locked row refuses to go below zero, and the CHECK constraint is the
 * last line of defence. An admin's set records new - old of the very row it changed ({@code RETURNING old.*},
 * PostgreSQL 18), never a difference computed from an earlier read.
 */
@ApplicationScoped
public class StockLedger {

    private final EntityManager em;

    StockLedger(EntityManager em) {
        this.em = em;
    }

    /** Opens the ledger of a product just inserted with {@code initialStock}. */
    public void recordInitialStock(UUID productId, int initialStock) {
        em.createNativeQuery("INSERT INTO stock_movement (product_id, delta, reason) VALUES (?1, ?2, 'INITIAL')")
                .setParameter(1, productId)
                .setParameter(2, initialStock)
                .executeUpdate();
    }

    /** Sets the available stock (an admin's count) and records new - old as ADMIN_SET; false if no such product. */
    public boolean setAvailable(UUID productId, int available) {
        return em.createNativeQuery("""
                WITH changed AS (
                    UPDATE products SET available_stock = ?1, updated_at = now() WHERE id = ?2
                    RETURNING id, new.available_stock - old.available_stock AS delta)
                INSERT INTO stock_movement (product_id, delta, reason)
                SELECT id, delta, 'ADMIN_SET' FROM changed""")
                .setParameter(1, available)
                .setParameter(2, productId)
                .executeUpdate() == 1;
    }

    /**
     * Takes {@code quantity} out of stock for an order (RESERVED) only if that much is available; false otherwise
     * (or no such product).
     */
    public boolean take(UUID productId, int quantity, UUID orderId) {
        return moveForOrder(productId, -quantity, "RESERVED", orderId);
    }

    /**
     * Gives an order's {@code quantity} back to stock (RELEASED); false if there is no such product. A second give
     * back for the same order and product violates {@code stock_movement_once_per_order} and changes nothing.
     */
    public boolean giveBack(UUID productId, int quantity, UUID orderId) {
        return moveForOrder(productId, quantity, "RELEASED", orderId);
    }

    /** Adds {@code delta} to the stock unless that would go below zero, and records it; false if it did not. */
    private boolean moveForOrder(UUID productId, int delta, String reason, UUID orderId) {
        return em.createNativeQuery("""
                WITH moved AS (
                    UPDATE products SET available_stock = available_stock + ?1, updated_at = now()
                    WHERE id = ?2 AND available_stock + ?1 >= 0
                    RETURNING id)
                INSERT INTO stock_movement (product_id, delta, reason, order_id)
                SELECT id, ?1, ?3, ?4 FROM moved""")
                .setParameter(1, delta)
                .setParameter(2, productId)
                .setParameter(3, reason)
                .setParameter(4, orderId)
                .executeUpdate() == 1;
    }
}
