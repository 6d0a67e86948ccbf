package dev.shop.inventory.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.shop.inventory.domain.ProductChanged;
import dev.shop.inventory.domain.ProductView;
import dev.shop.inventory.persistence.ProductRepository;
import dev.shop.inventory.persistence.StockLedger;

/**
 * Every change of available stock after a product's creation, each one conditional UPDATE that also appends its
 * stock movement (see {@link StockLedger}): stock never goes below zero, whatever runs at the same time, and the
 * ledger always sums to it. Each change fires {@link ProductChanged}, so the cached product is invalidated after
 * the commit; the saga's reservations build on {@link #take} and {@link #putBack} and get the invalidation for free.
 */
@ApplicationScoped
public class StockService {

    private final ProductRepository products;
    private final StockLedger ledger;
    private final Event<ProductChanged> changed;

    StockService(ProductRepository products, StockLedger ledger, Event<ProductChanged> changed) {
        this.products = products;
        this.ledger = ledger;
        this.changed = changed;
    }

    /** Sets the available stock (an admin's count of the shelf); the ledger records the difference. */
    @Transactional
    public ProductView setAvailable(UUID id, int available) {
        if (!ledger.setAvailable(id, available)) {
            throw ProductService.notFound(id);
        }
        changed.fire(new ProductChanged(id));
        return ProductView.of(products.findById(id));
    }

    /**
     * Takes {@code quantity} out of stock for an order if that much is available; false (and nothing changed)
     * otherwise.
     */
    @Transactional
    public boolean take(UUID id, int quantity, UUID orderId) {
        requirePositive(quantity);
        boolean taken = ledger.take(id, quantity, orderId);
        if (taken) {
            changed.fire(new ProductChanged(id));
        }
        return taken;
    }

    /** Puts an order's {@code quantity} back into stock when its reservation is released; once per order. */
    @Transactional
    public void putBack(UUID id, int quantity, UUID orderId) {
        requirePositive(quantity);
        if (!ledger.giveBack(id, quantity, orderId)) {
            throw ProductService.notFound(id);
        }
        changed.fire(new ProductChanged(id));
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
